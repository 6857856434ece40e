package dev.ferry.web.tokens;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Token shape, randomness, and the stored hash. */
class TokenFormatTests {

	@Test
	void generatedTokensAreWellFormedAndDistinct() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			String token = TokenFormat.generate();
			assertThat(token).startsWith("fry_").hasSize(47).matches("fry_[A-Za-z0-9_-]{43}");
			assertThat(TokenFormat.wellFormed(token)).isTrue();
			assertThat(seen.add(token)).isTrue();
		}
	}

	@Test
	void hashIsHexSha256AndDoesNotContainTheToken() {
		// FIPS 180-2 test vector
		assertThat(TokenFormat.hash("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		String token = TokenFormat.generate();
		assertThat(TokenFormat.hash(token)).hasSize(64).matches("[0-9a-f]{64}").doesNotContain(token.substring(4, 12));
		assertThat(TokenFormat.hash(token)).isEqualTo(TokenFormat.hash(token));
	}

	@Test
	void onlyTheFirstCharactersAreShown() {
		String token = TokenFormat.generate();
		assertThat(TokenFormat.shown(token)).hasSize(10).isEqualTo(token.substring(0, 10));
	}

	@Test
	void junkIsNotWellFormed() {
		String token = TokenFormat.generate();
		assertThat(TokenFormat.wellFormed(token.substring(1))).isFalse();
		assertThat(TokenFormat.wellFormed("xxx_" + token.substring(4))).isFalse();
		assertThat(TokenFormat.wellFormed(token.substring(0, 46) + "=")).isFalse();
		assertThat(TokenFormat.wellFormed(token + "a")).isFalse();
		assertThat(TokenFormat.wellFormed("")).isFalse();
	}

}
