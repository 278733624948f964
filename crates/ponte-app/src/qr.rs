//! QR codes: an invite code drawn as modules for the screen, and an invite code read
//! back from a PNG image (a photo or screenshot of another device's invite).

use ponte_ipc::IpcError;
use qrcode::{Color, QrCode};

/// The QR code of `text`: (modules per side, modules row by row, `true` dark).
pub fn modules(text: &str) -> Result<(usize, Vec<bool>), IpcError> {
    let code = QrCode::new(text.as_bytes()).map_err(|_| IpcError::code("qr"))?;
    let width = code.width();
    let modules = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok((width, modules))
}

/// The text of the first QR code found in a PNG image.
pub fn decode_png(bytes: &[u8]) -> Result<String, IpcError> {
    let unreadable = || IpcError::code("qr-unreadable");
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|_| unreadable())?;
    let size = reader.output_buffer_size().ok_or_else(unreadable)?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(|_| unreadable())?;
    let (w, h) = (info.width as usize, info.height as usize);
    let channels = info.color_type.samples();
    let luma = |x: usize, y: usize| -> u8 {
        let i = (y * w + x) * channels;
        match channels {
            1 | 2 => buf[i],
            _ => {
                let sum = u16::from(buf[i]) + u16::from(buf[i + 1]) + u16::from(buf[i + 2]);
                u8::try_from(sum / 3).unwrap_or(u8::MAX)
            }
        }
    };
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, luma);
    image
        .detect_grids()
        .into_iter()
        .find_map(|grid| grid.decode().ok().map(|(_, text)| text))
        .ok_or_else(unreadable)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn png_of(text: &str) -> Vec<u8> {
        let (width, modules) = modules(text).unwrap();
        let (scale, quiet) = (6, 4);
        let side = (width + 2 * quiet) * scale;
        let mut pixels = vec![255u8; side * side];
        for (i, dark) in modules.iter().enumerate() {
            if *dark {
                let (mx, my) = (i % width + quiet, i / width + quiet);
                for y in my * scale..(my + 1) * scale {
                    pixels[y * side + mx * scale..y * side + (mx + 1) * scale].fill(0);
                }
            }
        }
        let mut out = Vec::new();
        {
            let side = u32::try_from(side).unwrap();
            let mut enc = png::Encoder::new(&mut out, side, side);
            enc.set_color(png::ColorType::Grayscale);
            enc.set_depth(png::BitDepth::Eight);
            let mut w = enc.write_header().unwrap();
            w.write_image_data(&pixels).unwrap();
        }
        out
    }

    #[test]
    fn an_invite_drawn_as_png_reads_back() {
        let code = "ponte1:Fmh0dHA6Ly8xMjcuMC4wLjE6NDI1ODMFjukvXAPS6BLjRcmbjxF6AkUI3o";
        assert_eq!(decode_png(&png_of(code)).unwrap(), code);
    }

    #[test]
    fn garbage_is_a_clear_error() {
        assert_eq!(decode_png(b"not a png").unwrap_err().code, "qr-unreadable");
    }
}
