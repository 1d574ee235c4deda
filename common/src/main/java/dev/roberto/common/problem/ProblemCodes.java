package dev.roberto.common.problem;

/** Problem codes shared by every service; feature-specific codes live beside their features. */
public final class ProblemCodes {

  public static final String MALFORMED_JSON = "malformed_json";
  public static final String INVALID_REQUEST_BODY = "invalid_request_body";
  public static final String VALIDATION_FAILED = "validation_failed";
  public static final String NOT_FOUND = "not_found";
  public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
  public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
  public static final String NOT_ACCEPTABLE = "not_acceptable";
  public static final String UNAUTHORIZED = "unauthorized";
  public static final String TOKEN_REQUIRED = "token_required";
  public static final String INVALID_TOKEN = "invalid_token";
  public static final String TOKEN_EXPIRED = "token_expired";
  public static final String FORBIDDEN = "forbidden";
  public static final String BAD_REQUEST = "bad_request";
  public static final String INTERNAL_ERROR = "internal_error";
  public static final String SERVICE_UNAVAILABLE = "service_unavailable";
  public static final String DATABASE_UNAVAILABLE = "database_unavailable";

  private ProblemCodes() {}
}
