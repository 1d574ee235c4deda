package dev.roberto.runtime.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemanticVersionTest {

  @Test
  void precedenceFollowsSpecificationExample() {
    // The ordering example of semver.org, section 11.
    List<String> ordered =
        List.of(
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.1",
            "1.1.0",
            "1.10.0",
            "2.0.0");
    List<String> shuffled = new ArrayList<>(ordered);
    Collections.reverse(shuffled);

    List<String> sorted =
        shuffled.stream().map(SemanticVersion::parse).sorted().map(Object::toString).toList();

    assertEquals(ordered, sorted);
  }

  @Test
  void buildMetadataIsIgnored() {
    assertEquals(0, SemanticVersion.compare("1.2.3+build.7", "1.2.3+other"));
    assertEquals(SemanticVersion.parse("1.2.3+a"), SemanticVersion.parse("1.2.3"));
  }

  @Test
  void numericFieldsCompareAsNumbers() {
    assertTrue(SemanticVersion.parse("1.9.0").isOlderThan(SemanticVersion.parse("1.10.0")));
    assertTrue(SemanticVersion.compare("1.0.0-rc.9", "1.0.0-rc.10") < 0);
  }

  @Test
  void invalidVersionsAreRejected() {
    for (String invalid :
        List.of("1", "1.2", "v1.2.3", "01.2.3", "1.2.3-", "1.2.3-01", "1.2.3 ", "")) {
      assertFalse(SemanticVersion.isValid(invalid), invalid);
      assertThrows(IllegalArgumentException.class, () -> SemanticVersion.parse(invalid));
    }
    assertFalse(SemanticVersion.isValid(null));
  }
}
