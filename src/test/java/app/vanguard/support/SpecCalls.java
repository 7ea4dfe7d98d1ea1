package app.vanguard.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Builds a plausible call of a spec operation in a {@link SpecWorld}: concrete path, required query, body. */
public final class SpecCalls {

    private final Spec spec;
    private final SpecWorld world;

    public SpecCalls(Spec spec, SpecWorld world) {
        this.spec = spec;
        this.world = world;
    }

    /** The path with the world's ids and every required query parameter. */
    public String path(Spec.Operation op) {
        StringBuilder path = new StringBuilder(op.concretePath(world::id));
        char separator = '?';
        for (Map.Entry<String, Map<String, Object>> q : op.queryParameters(spec).entrySet()) {
            if (Boolean.TRUE.equals(q.getValue().get("required"))) {
                Object value = spec.example(Spec.map(q.getValue().get("schema")), q.getKey(), world::named, 0);
                path.append(separator).append(q.getKey()).append('=')
                        .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return path.toString();
    }

    /** Calls the operation as {@code token} with a plausible body. */
    public Api.Response call(Spec.Operation op, String token) {
        String path = path(op);
        List<String> types = op.contentTypes();
        if (types.isEmpty()) {
            return world.api().send(op.method(), path, token, null, null, Map.of());
        }
        if (types.contains("application/json")) {
            Object body = spec.example(op.jsonSchema(), null, world::named, 0);
            return world.api().send(op.method(), path, token, "application/json", Api.write(body), Map.of());
        }
        String type = types.get(0);
        if (type.startsWith("multipart/form-data")) {
            return world.api().sendBytes(op.method(), path, token, "multipart/form-data; boundary=" + BOUNDARY,
                    multipartPdf());
        }
        return world.api().send(op.method(), path, token, type, sampleText(type), Map.of());
    }

    private static final String BOUNDARY = "vanguard-spec-boundary";

    /** A multipart body with one part, {@code file}: a tiny PDF. */
    static byte[] multipartPdf() {
        String body = "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"minutes.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n"
                + "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n\r\n"
                + "--" + BOUNDARY + "--\r\n";
        return body.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String sampleText(String contentType) {
        return contentType.startsWith("text/csv") ? "姓名,手机号\n测试,13900000000\n" : "测试读本\n第一条　测试。\n";
    }
}
