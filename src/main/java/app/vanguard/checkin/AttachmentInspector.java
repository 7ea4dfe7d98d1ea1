package app.vanguard.checkin;

import app.vanguard.shared.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.apache.tika.Tika;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What an uploaded file really is, from its bytes (Apache Tika's magic-byte detection; the name and the declared type
 * are never trusted): JPEG / PNG / GIF images (with a JPEG thumbnail), PDF, and Office files (OOXML .docx/.xlsx/.pptx,
 * recognised by their package parts, or the older OLE2 .doc/.xls/.ppt). Anything else, an executable renamed to .jpg
 * included, is refused with {@code 415 ATTACHMENT_TYPE_REFUSED}.
 */
@Singleton
public class AttachmentInspector {

    /** The kind of evidence a file is. */
    public enum Kind { IMAGE, PDF, OFFICE }

    public record Inspected(String contentType, Kind kind, @Nullable byte[] thumbnail) {
    }

    private final Tika tika = new Tika();
    private final EvidenceSettings settings;

    public AttachmentInspector(EvidenceSettings settings) {
        this.settings = settings;
    }

    public Inspected inspect(byte[] bytes) {
        String detected = tika.detect(bytes);
        return switch (detected) {
            case "image/jpeg", "image/png", "image/gif" -> new Inspected(detected, Kind.IMAGE, thumbnail(bytes));
            case "application/pdf" -> new Inspected(detected, Kind.PDF, null);
            case "application/x-tika-msoffice" -> new Inspected("application/x-ole-storage", Kind.OFFICE, null);
            case "application/zip", "application/x-tika-ooxml" -> new Inspected(ooxml(bytes, detected), Kind.OFFICE, null);
            default -> throw refused(detected);
        };
    }

    private static ApiException refused(String detected) {
        return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "ATTACHMENT_TYPE_REFUSED",
                "Only photos (JPEG, PNG, GIF), PDF and Office files are kept; this file is " + detected)
                .arg("type", detected);
    }

    /** The OOXML type of a zip package ([Content_Types].xml and the part folder), or refused. */
    private static String ooxml(byte[] bytes, String detected) {
        boolean contentTypes = false;
        String type = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            int entries = 0;
            while ((e = zip.getNextEntry()) != null && entries++ < 10_000) {
                String name = e.getName();
                if (name.equals("[Content_Types].xml")) {
                    contentTypes = true;
                } else if (type == null && name.startsWith("word/")) {
                    type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
                } else if (type == null && name.startsWith("xl/")) {
                    type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                } else if (type == null && name.startsWith("ppt/")) {
                    type = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw refused(detected);
        }
        if (!contentTypes || type == null) {
            throw refused(detected);
        }
        return type;
    }

    /** A JPEG no larger than the thumbnail size on its longest side; refuses an image that cannot be decoded. */
    private byte[] thumbnail(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw refused("an unreadable image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > settings.getMaxImagePixels()) {
                    throw ApiException.badRequest("IMAGE_TOO_LARGE", "The image has more than "
                            + settings.getMaxImagePixels() + " pixels");
                }
                BufferedImage image = reader.read(0);
                int size = settings.getThumbnailSize();
                double scale = Math.min(1.0, size / (double) Math.max(image.getWidth(), image.getHeight()));
                int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
                int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
                BufferedImage thumb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = thumb.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, w, h);
                g.drawImage(image, 0, 0, w, h, null);
                g.dispose();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageIO.write(thumb, "jpg", out);
                return out.toByteArray();
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw refused("an unreadable image");
        }
    }
}
