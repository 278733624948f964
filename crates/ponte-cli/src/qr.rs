//! The invite code as a QR image, for the new device's camera.

use std::path::Path;

use qrcode::{Color, QrCode};

use crate::failure::Failure;

/// Pixels per QR module, and the quiet zone around the code in modules.
const SCALE: usize = 8;
const QUIET: usize = 4;

/// Write `text` as a black-on-white QR code PNG.
pub fn write_png(text: &str, path: &Path) -> Result<(), Failure> {
    let (side, pixels) = render(text)?;
    let file = std::fs::File::create(path).map_err(|_| Failure::msg("write-output"))?;
    let side = u32::try_from(side).map_err(|_| Failure::msg("qr"))?;
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder
        .write_header()
        .map_err(|_| Failure::msg("write-output"))?;
    writer
        .write_image_data(&pixels)
        .map_err(|_| Failure::msg("write-output"))?;
    writer.finish().map_err(|_| Failure::msg("write-output"))
}

/// The QR code of `text` as a square greyscale image: (side, pixels row by row).
fn render(text: &str) -> Result<(usize, Vec<u8>), Failure> {
    let code = QrCode::new(text.as_bytes()).map_err(|_| Failure::msg("qr"))?;
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET) * SCALE;
    let mut pixels = vec![255u8; side * side];
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            let (mx, my) = (i % modules + QUIET, i / modules + QUIET);
            for y in my * SCALE..(my + 1) * SCALE {
                pixels[y * side + mx * SCALE..y * side + (mx + 1) * SCALE].fill(0);
            }
        }
    }
    Ok((side, pixels))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    #[test]
    fn the_image_decodes_back_to_the_invite_code() {
        let code =
            "ponte1:Fmh0dHA6Ly8xMjcuMC4wLjE6NDI1ODMFjukvXAPS6BLjRcmbjxF6AkUI3o_2zhvO0eDeVDroN4eH64";
        let (side, pixels) = super::render(code).unwrap();
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| pixels[y * side + x]);
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1);
        let (_, content) = grids[0].decode().unwrap();
        assert_eq!(content, code);
    }
}
