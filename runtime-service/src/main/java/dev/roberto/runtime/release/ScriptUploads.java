package dev.roberto.runtime.release;

import dev.roberto.common.hash.Sha256;
import dev.roberto.common.problem.ProblemCodes;
import dev.roberto.common.problem.ProblemException;
import dev.roberto.runtime.config.UpdatesConfig;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Decodes the scripts of a publish request and checks each body against the size and SHA-256 the
 * publisher declared, so a release never stores a script other than the one its author hashed.
 */
final class ScriptUploads {

  private final UpdatesConfig config;

  ScriptUploads(UpdatesConfig config) {
    this.config = config;
  }

  /** Returns the scripts as entities without a release id, in request order. */
  List<ReleaseScript> decode(List<PublishRelease.ScriptUpload> uploads) {
    if (uploads.size() > config.maxScripts()) {
      throw invalid("scripts", "must contain at most " + config.maxScripts() + " scripts");
    }
    Set<String> names = new HashSet<>();
    List<ReleaseScript> scripts = new ArrayList<>();
    for (int i = 0; i < uploads.size(); i++) {
      PublishRelease.ScriptUpload upload = uploads.get(i);
      String field = "scripts[" + i + "]";
      if (!names.add(upload.name())) {
        throw invalid(field + ".name", "is used by an earlier script of this release");
      }
      scripts.add(decodeOne(upload, field, i));
    }
    return scripts;
  }

  private ReleaseScript decodeOne(PublishRelease.ScriptUpload upload, String field, int position) {
    byte[] body;
    try {
      body = Base64.getDecoder().decode(upload.content());
    } catch (IllegalArgumentException e) {
      throw invalid(field + ".content", "must be the script in base64");
    }

    long maxBytes = config.maxScriptSize().asLongValue();
    if (body.length > maxBytes) {
      throw invalid(field + ".content", "must be at most " + maxBytes + " bytes");
    }
    if (body.length != upload.size()) {
      throw mismatch(
          "script_size_mismatch",
          "Script size mismatch",
          "Script " + upload.name() + " has " + body.length + " bytes, not " + upload.size() + ".",
          field + ".size");
    }

    String sha256 = Sha256.hex(body);
    if (!sha256.equals(upload.sha256().toLowerCase(Locale.ROOT))) {
      throw mismatch(
          "script_hash_mismatch",
          "Script hash mismatch",
          "The SHA-256 of script " + upload.name() + " is " + sha256 + ", not the one declared.",
          field + ".sha256");
    }

    ReleaseScript script = new ReleaseScript();
    script.id = UUID.randomUUID();
    script.position = position;
    script.name = upload.name();
    script.sha256 = sha256;
    script.sizeBytes = body.length;
    script.body = body;
    return script;
  }

  private static ProblemException invalid(String field, String message) {
    return new ProblemException(
            422,
            ProblemCodes.VALIDATION_FAILED,
            "Validation failed",
            "Invalid values: " + field + ".",
            "Correct the fields listed in errors and send the request again.")
        .with("errors", List.of(Map.of("field", field, "message", message)));
  }

  private static ProblemException mismatch(String code, String title, String detail, String field) {
    return new ProblemException(
            422,
            code,
            title,
            detail,
            "Send the script's exact size in bytes and the SHA-256 of its content (sha256sum).")
        .with("errors", List.of(Map.of("field", field, "message", "does not match the content")));
  }
}
