//! The invite as a QR code (modules for a screen, a PNG file for a printer or another
//! phone's camera), and an invite read back from a picture. A picture is size-checked
//! before anything is allocated for it: its file size, then the dimensions its header
//! claims, then the decoder's own allocation limit. A QR written to a file (an invite,
//! a recovery kit: each lets its holder into the team) is its owner's only
//! ([`write_private`]).

use std::path::Path;

use qrcode::{Color, QrCode};

use crate::failure::{QR, QR_TOO_LARGE, QR_UNREADABLE, WRITE_OUTPUT};
use crate::{Failure, Result};

/// Pixels per QR module in a PNG, and the quiet zone around the code in modules.
const SCALE: usize = 8;
const QUIET: usize = 4;

/// The largest picture file read (a phone camera's PNG screenshot is well under it).
pub const MAX_PICTURE_BYTES: usize = 16 * 1024 * 1024;
/// The most pixels a picture may claim (a 25-megapixel photo).
pub const MAX_PICTURE_PIXELS: u64 = 25_000_000;
/// The decoder's allocation limit.
const DECODER_LIMIT_BYTES: usize = 128 * 1024 * 1024;

/// The QR code of `text`: (modules per side, modules row by row, `true` dark).
pub fn modules(text: &str) -> Result<(usize, Vec<bool>)> {
    let code = QrCode::new(text.as_bytes()).map_err(|_| Failure::code(QR))?;
    let width = code.width();
    let modules = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok((width, modules))
}

/// The QR code of `text` as a black-on-white greyscale picture: (side, pixels row by
/// row).
fn picture(text: &str) -> Result<(usize, Vec<u8>)> {
    let (width, modules) = modules(text)?;
    let side = (width + 2 * QUIET) * SCALE;
    let mut pixels = vec![255u8; side * side];
    for (i, dark) in modules.iter().enumerate() {
        if *dark {
            let (mx, my) = (i % width + QUIET, i / width + QUIET);
            for y in my * SCALE..(my + 1) * SCALE {
                if let Some(row) =
                    pixels.get_mut(y * side + mx * SCALE..y * side + (mx + 1) * SCALE)
                {
                    row.fill(0);
                }
            }
        }
    }
    Ok((side, pixels))
}

/// The QR code of `text` as a PNG file's bytes.
pub fn png(text: &str) -> Result<Vec<u8>> {
    let (side, pixels) = picture(text)?;
    let side = u32::try_from(side).map_err(|_| Failure::code(QR))?;
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, side, side);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|_| Failure::code(QR))?;
        writer
            .write_image_data(&pixels)
            .map_err(|_| Failure::code(QR))?;
        writer.finish().map_err(|_| Failure::code(QR))?;
    }
    Ok(out)
}

/// Writes `bytes` (a QR's PNG) to `path`, readable and writable by its owner only
/// (mode 0600 where there are modes), whatever the umask says, and also when `path`
/// already existed with a wider mode: its mode is narrowed before a byte is written.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let written = options.open(path).and_then(|mut file| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        file.write_all(bytes)?;
        file.sync_all()
    });
    written.map_err(|_| Failure::code(WRITE_OUTPUT))
}

/// The text of the first QR code found in a PNG picture.
pub fn decode_png(bytes: &[u8]) -> Result<String> {
    let unreadable = || Failure::code(QR_UNREADABLE);
    let too_large = || Failure::code(QR_TOO_LARGE);
    if bytes.len() > MAX_PICTURE_BYTES {
        return Err(too_large());
    }
    let mut decoder = png::Decoder::new_with_limits(
        std::io::Cursor::new(bytes),
        png::Limits {
            bytes: DECODER_LIMIT_BYTES,
        },
    );
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| match e {
        png::DecodingError::LimitsExceeded => too_large(),
        _ => unreadable(),
    })?;
    let (claimed_w, claimed_h) = (reader.info().width, reader.info().height);
    if u64::from(claimed_w) * u64::from(claimed_h) > MAX_PICTURE_PIXELS {
        return Err(too_large());
    }
    let size = reader.output_buffer_size().ok_or_else(too_large)?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(|_| unreadable())?;
    let (w, h) = (info.width as usize, info.height as usize);
    let channels = info.color_type.samples();
    let luma = |x: usize, y: usize| -> u8 {
        let i = (y * w + x) * channels;
        match (channels, buf.get(i..i + channels.min(3))) {
            (1 | 2, Some(px)) => px.first().copied().unwrap_or(255),
            (_, Some([r, g, b])) => {
                let sum = u16::from(*r) + u16::from(*g) + u16::from(*b);
                u8::try_from(sum / 3).unwrap_or(u8::MAX)
            }
            _ => 255,
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
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const CODE: &str =
        "ponte1:Fmh0dHA6Ly8xMjcuMC4wLjE6NDI1ODMFjukvXAPS6BLjRcmbjxF6AkUI3o_2zhvO0eDeVDroN4eH64";

    #[test]
    fn an_invite_drawn_as_png_reads_back() {
        assert_eq!(decode_png(&png(CODE).unwrap()).unwrap(), CODE);
    }

    #[cfg(unix)]
    #[test]
    fn a_qr_file_is_its_owners_only_even_over_a_readable_file() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("invite.png");
        let mode = || std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        let png = png(CODE).unwrap();
        write_private(&path, &png).unwrap();
        assert_eq!(mode(), 0o600);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_private(&path, &png).unwrap();
        assert_eq!(mode(), 0o600);
        assert_eq!(std::fs::read(&path).unwrap(), png);
        assert_eq!(
            write_private(&dir.path().join("no/such/dir.png"), &png)
                .unwrap_err()
                .as_code(),
            "write-output"
        );
    }

    #[test]
    fn garbage_is_a_clear_error() {
        assert_eq!(
            decode_png(b"not a png").unwrap_err().as_code(),
            "qr-unreadable"
        );
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for b in bytes {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn a_header_claiming_a_huge_picture_is_refused_before_decoding() {
        // A real QR picture whose header is rewritten (with a valid CRC) to claim
        // 20000 x 20000 pixels: the PNG header alone must not decide the allocation.
        let mut out = png(CODE).unwrap();
        // Signature (8), IHDR length (4), "IHDR" (4), then width and height.
        out[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        out[20..24].copy_from_slice(&20_000u32.to_be_bytes());
        let crc = crc32(&out[12..29]);
        out[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(decode_png(&out).unwrap_err().as_code(), "qr-too-large");
        let big = vec![0u8; MAX_PICTURE_BYTES + 1];
        assert_eq!(decode_png(&big).unwrap_err().as_code(), "qr-too-large");
    }
}
