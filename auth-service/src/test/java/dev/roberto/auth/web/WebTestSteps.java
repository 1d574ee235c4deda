package dev.roberto.auth.web;

import java.net.URL;

final class WebTestSteps {

  private WebTestSteps() {}

  static String baseUri(URL root) {
    String text = root.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
