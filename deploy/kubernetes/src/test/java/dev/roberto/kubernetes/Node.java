package dev.roberto.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A position in a parsed YAML document, with the path that led to it, so that a failed assertion
 * names the field it looked at. A missing key or index gives a missing node instead of an
 * exception.
 */
record Node(Object value, String path) {

  Node get(String key) {
    Object child = value instanceof Map<?, ?> map ? map.get(key) : null;
    return new Node(child, path + "." + key);
  }

  Node get(int index) {
    Object child = value instanceof List<?> list && index < list.size() ? list.get(index) : null;
    return new Node(child, path + "[" + index + "]");
  }

  boolean isMissing() {
    return value == null;
  }

  /** Returns the scalar as text (numbers and booleans too), or null when the node is missing. */
  String text() {
    return value == null ? null : String.valueOf(value);
  }

  /** Returns the list elements, or an empty list when the node is missing or not a list. */
  List<Node> items() {
    List<Node> items = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        items.add(new Node(list.get(i), path + "[" + i + "]"));
      }
    }
    return items;
  }

  /** Returns the map entries in document order, or an empty map when the node is not a map. */
  Map<String, Node> entries() {
    Map<String, Node> entries = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach(
          (key, child) -> entries.put(String.valueOf(key), new Node(child, path + "." + key)));
    }
    return entries;
  }

  /** Returns the map as key to scalar text, for labels, selectors and annotations. */
  Map<String, String> texts() {
    Map<String, String> texts = new LinkedHashMap<>();
    entries().forEach((key, child) -> texts.put(key, child.text()));
    return texts;
  }
}
