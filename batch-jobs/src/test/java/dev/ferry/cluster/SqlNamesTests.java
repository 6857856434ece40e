package dev.ferry.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SqlNamesTests {

	@Test
	void backtickIsDoubledAndEverythingElseKept() {
		assertThat(SqlNames.quote("db.dot")).isEqualTo("`db.dot`");
		assertThat(SqlNames.quote("a`b")).isEqualTo("`a``b`");
		assertThat(SqlNames.quote("`x`")).as("an already quoted-looking name is a name").isEqualTo("```x```");
		assertThat(SqlNames.quote("it's \"q\" \\ 🚀")).isEqualTo("`it's \"q\" \\ 🚀`");
		assertThat(SqlNames.qualified("db.dot", "t1")).isEqualTo("`db.dot`.`t1`");
	}

	@Test
	void emptyOrNulIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SqlNames.quote(""));
		assertThatIllegalArgumentException().isThrownBy(() -> SqlNames.quote("a\0b"));
	}

}
