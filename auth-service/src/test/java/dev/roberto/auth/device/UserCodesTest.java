package dev.roberto.auth.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserCodesTest {

  @Test
  void generatedCodeUsesAlphabet() {
    for (int i = 0; i < 200; i++) {
      String code = UserCodes.generate();
      assertEquals(8, code.length(), code);
      assertTrue(code.chars().allMatch(c -> UserCodes.ALPHABET.indexOf(c) >= 0), code);
    }
  }

  @Test
  void generatedCodesDiffer() {
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      codes.add(UserCodes.generate());
    }
    assertEquals(1000, codes.size());
  }

  @Test
  void displayAddsDash() {
    assertEquals("BCDF-GHJK", UserCodes.display("BCDFGHJK"));
  }

  @Test
  void normaliseIgnoresCaseSpacesDashes() {
    assertEquals(Optional.of("BCDFGHJK"), UserCodes.normalise("bcdf-ghjk"));
    assertEquals(Optional.of("BCDFGHJK"), UserCodes.normalise("  bc df gh jk "));
    assertEquals(Optional.of("BCDFGHJK"), UserCodes.normalise("BCDF - GHJK"));
    assertEquals(Optional.of("BCDFGHJK"), UserCodes.normalise("bCdFgHjK"));
  }

  @Test
  void normaliseRejectsNonCodes() {
    assertEquals(Optional.empty(), UserCodes.normalise(null));
    assertEquals(Optional.empty(), UserCodes.normalise(""));
    assertEquals(Optional.empty(), UserCodes.normalise("BCDF-GHJ"));
    assertEquals(Optional.empty(), UserCodes.normalise("BCDF-GHJKL"));
    assertEquals(Optional.empty(), UserCodes.normalise("ABCD-EFGH"), "vowels are not in codes");
    assertEquals(Optional.empty(), UserCodes.normalise("BCDF-GHJ1"), "digits are not in codes");
  }
}
