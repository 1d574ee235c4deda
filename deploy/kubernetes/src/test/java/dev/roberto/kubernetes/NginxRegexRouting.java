package dev.roberto.kubernetes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The backend that ingress-nginx picks for a request path on a host whose Ingresses enable
 * nginx.ingress.kubernetes.io/use-regex. ingress-nginx then writes every path of the host as a
 * case-insensitive location {@code ~* "^<path>"}, sorted by descending path length, and NGINX takes
 * the first expression that matches. Source: ingress-nginx's user guide, "Ingress Path Matching".
 */
final class NginxRegexRouting {

  record Route(String path, String service, String port, String ingress) {}

  private final List<Route> routesLongestFirst;

  NginxRegexRouting(List<Route> routes) {
    List<Route> sorted = new ArrayList<>(routes);
    sorted.sort(Comparator.comparingInt((Route route) -> route.path().length()).reversed());
    this.routesLongestFirst = List.copyOf(sorted);
  }

  /** Collects the routes of every rule for the host in the given Ingresses. */
  static NginxRegexRouting of(List<Resource> ingresses, String host) {
    List<Route> routes = new ArrayList<>();
    for (Resource ingress : ingresses) {
      for (Node rule : ingress.spec().get("rules").items()) {
        if (!host.equals(rule.get("host").text())) {
          continue;
        }
        for (Node path : rule.get("http").get("paths").items()) {
          Node backend = path.get("backend").get("service");
          String port = backend.get("port").get("name").text();
          if (port == null) {
            port = backend.get("port").get("number").text();
          }
          routes.add(
              new Route(path.get("path").text(), backend.get("name").text(), port, ingress.name()));
        }
      }
    }
    return new NginxRegexRouting(routes);
  }

  List<Route> routes() {
    return routesLongestFirst;
  }

  Optional<Route> route(String requestPath) {
    return routesLongestFirst.stream()
        .filter(
            route ->
                Pattern.compile("^" + route.path(), Pattern.CASE_INSENSITIVE)
                    .matcher(requestPath)
                    .lookingAt())
        .findFirst();
  }
}
