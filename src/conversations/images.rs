//! Images sent in chats: what an upload must be to be accepted, and its thumbnail.
//!
//! The type is decided by the bytes (their signature), never by the file name or the
//! type the browser declared: a text file renamed `photo.jpg` is refused. The image is
//! then decoded under `image::Limits`, so a small file that declares an enormous
//! picture (a decompression bomb) is refused before its pixels are allocated. The
//! original bytes are stored unchanged; the thumbnail is made from the decoded pixels
//! here, once, so pages never resize anything.
//!
//! Decoding is CPU work: callers run `Image::from_upload` on the blocking pool before
//! the write, never inside the conversation core's transaction (on SQLite that is the
//! one writer thread).

use std::io::Cursor;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};

use super::Row;
use crate::db::DbConnection;
use crate::db::schema::message_images;

/// The largest image accepted, in bytes.
pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;
/// The largest width or height accepted, in pixels (a phone photo is about 4000).
pub const MAX_SIDE: u32 = 8000;
/// The most memory one decode may take (an 8000×8000 RGBA picture).
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;
/// Thumbnails fit in this square.
pub const THUMB_SIDE: u32 = 320;
/// JPEG quality of thumbnails: small files that still look right in a bubble.
const THUMB_QUALITY: u8 = 80;

/// The formats accepted: what every browser shows and phones produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageType {
    Jpeg,
    Png,
    Webp,
}

impl ImageType {
    /// The `Content-Type` it is stored and served with.
    pub fn mime(self) -> &'static str {
        match self {
            ImageType::Jpeg => "image/jpeg",
            ImageType::Png => "image/png",
            ImageType::Webp => "image/webp",
        }
    }

    fn format(self) -> ImageFormat {
        match self {
            ImageType::Jpeg => ImageFormat::Jpeg,
            ImageType::Png => ImageFormat::Png,
            ImageType::Webp => ImageFormat::WebP,
        }
    }

    /// The type the bytes say they are, among the accepted ones.
    pub fn sniff(bytes: &[u8]) -> Option<ImageType> {
        match image::guess_format(bytes).ok()? {
            ImageFormat::Jpeg => Some(ImageType::Jpeg),
            ImageFormat::Png => Some(ImageType::Png),
            ImageFormat::WebP => Some(ImageType::Webp),
            _ => None,
        }
    }
}

/// An accepted image, ready to be stored with its message. Only `from_upload` makes
/// one, so the conversation core can trust what it stores.
#[derive(Debug, Clone)]
pub struct Image {
    kind: ImageType,
    bytes: Vec<u8>,
    width: u32,
    height: u32,
    thumb: Thumbnail,
}

#[derive(Debug, Clone)]
struct Thumbnail {
    bytes: Vec<u8>,
    mime: &'static str,
    width: u32,
    height: u32,
}

/// Why an upload was refused: a translation key for the person who sent it.
pub type Refused = &'static str;

impl Image {
    /// Checks an uploaded file and makes its thumbnail.
    pub fn from_upload(bytes: Vec<u8>) -> Result<Image, Refused> {
        if bytes.len() > MAX_IMAGE_BYTES {
            return Err("error-image-too-big");
        }
        let kind = ImageType::sniff(&bytes).ok_or("error-image-type")?;
        let pixels = decode(&bytes, kind)?;
        let thumb = thumbnail(&pixels)?;
        Ok(Image {
            kind,
            width: pixels.width(),
            height: pixels.height(),
            bytes,
            thumb,
        })
    }

    pub fn content_type(&self) -> &'static str {
        self.kind.mime()
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }

    pub fn thumb(&self) -> &[u8] {
        &self.thumb.bytes
    }

    pub fn thumb_type(&self) -> &'static str {
        self.thumb.mime
    }

    pub fn thumb_width(&self) -> u32 {
        self.thumb.width
    }

    pub fn thumb_height(&self) -> u32 {
        self.thumb.height
    }
}

/// Stores the image of message `message_id` of the conversation `row`, in the
/// message's own transaction (called by `assign::insert_message`).
pub(super) fn store(
    c: &mut DbConnection,
    row: &Row,
    message_id: i64,
    image: &Image,
    now: NaiveDateTime,
) -> QueryResult<()> {
    // Sides are at most `MAX_SIDE` and files at most `MAX_IMAGE_BYTES`: they fit.
    let side = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
    diesel::insert_into(message_images::table)
        .values((
            message_images::message_id.eq(message_id),
            message_images::seller_id.eq(row.seller_id),
            message_images::conversation_id.eq(row.id),
            message_images::content_type.eq(image.content_type()),
            message_images::byte_size.eq(i64::try_from(image.bytes.len()).unwrap_or(i64::MAX)),
            message_images::width.eq(side(image.width)),
            message_images::height.eq(side(image.height)),
            message_images::data.eq(image.bytes()),
            message_images::thumb.eq(image.thumb()),
            message_images::thumb_type.eq(image.thumb_type()),
            message_images::thumb_width.eq(side(image.thumb.width)),
            message_images::thumb_height.eq(side(image.thumb.height)),
            message_images::created_at.eq(now),
        ))
        .execute(c)?;
    Ok(())
}

fn limits() -> Limits {
    // `Limits` is non-exhaustive: start from the defaults and tighten.
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    limits
}

/// The pixels, turned upright as the camera recorded (EXIF orientation), so the
/// thumbnail looks like the photo the browser shows.
fn decode(bytes: &[u8], kind: ImageType) -> Result<DynamicImage, Refused> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), kind.format());
    reader.limits(limits());
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let orientation = decoder.orientation().ok();
    let mut pixels = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    if let Some(orientation) = orientation {
        pixels.apply_orientation(orientation);
    }
    Ok(pixels)
}

fn refusal(e: ImageError) -> Refused {
    match e {
        ImageError::Limits(_) => "error-image-dimensions",
        _ => "error-image-unreadable",
    }
}

/// At most `THUMB_SIDE` on each side (never enlarged): PNG when the image has
/// transparency (JPEG has none), JPEG otherwise.
fn thumbnail(pixels: &DynamicImage) -> Result<Thumbnail, Refused> {
    let small = if pixels.width() > THUMB_SIDE || pixels.height() > THUMB_SIDE {
        pixels.thumbnail(THUMB_SIDE, THUMB_SIDE)
    } else {
        pixels.clone()
    };
    let mut bytes = Vec::new();
    let mime = if small.color().has_alpha() {
        let encoder = image::codecs::png::PngEncoder::new(&mut bytes);
        DynamicImage::ImageRgba8(small.to_rgba8())
            .write_with_encoder(encoder)
            .map_err(refusal)?;
        ImageType::Png.mime()
    } else {
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, THUMB_QUALITY);
        DynamicImage::ImageRgb8(small.to_rgb8())
            .write_with_encoder(encoder)
            .map_err(refusal)?;
        ImageType::Jpeg.mime()
    };
    Ok(Thumbnail {
        bytes,
        mime,
        width: small.width(),
        height: small.height(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(pixels: DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        pixels.write_to(&mut out, format).expect("encode");
        out.into_inner()
    }

    #[test]
    fn each_accepted_type_is_recognised_by_its_bytes_and_gets_a_thumbnail() {
        let big = DynamicImage::new_rgb8(640, 400);
        for (format, kind) in [
            (ImageFormat::Png, ImageType::Png),
            (ImageFormat::Jpeg, ImageType::Jpeg),
            (ImageFormat::WebP, ImageType::Webp),
        ] {
            let image = Image::from_upload(encoded(big.clone(), format)).expect("accepted");
            assert_eq!(image.content_type(), kind.mime());
            assert_eq!((image.width(), image.height()), (640, 400));
            assert_eq!((image.thumb_width(), image.thumb_height()), (320, 200));
            assert_eq!(ImageType::sniff(image.thumb()), Some(ImageType::Jpeg));
        }
    }

    #[test]
    fn small_images_are_not_enlarged_and_transparency_stays() {
        let image = Image::from_upload(encoded(DynamicImage::new_rgba8(20, 10), ImageFormat::Png))
            .expect("accepted");
        assert_eq!((image.thumb_width(), image.thumb_height()), (20, 10));
        assert_eq!(image.thumb_type(), "image/png");
    }

    #[test]
    fn anything_else_is_refused() {
        assert_eq!(
            Image::from_upload(b"GIF89a\x01\x00\x01\x00".to_vec()).err(),
            Some("error-image-type")
        );
        assert_eq!(
            Image::from_upload(b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec()).err(),
            Some("error-image-type")
        );
        assert_eq!(Image::from_upload(vec![]).err(), Some("error-image-type"));
        // The right signature with nothing after it.
        assert_eq!(
            Image::from_upload(b"\x89PNG\r\n\x1a\n".to_vec()).err(),
            Some("error-image-unreadable")
        );
        assert_eq!(
            Image::from_upload(vec![0xFF; MAX_IMAGE_BYTES + 1]).err(),
            Some("error-image-too-big")
        );
    }
}
