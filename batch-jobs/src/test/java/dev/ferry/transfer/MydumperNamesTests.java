package dev.ferry.transfer;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The names the mysql chain refuses, each as mydumper/myloader 0.10 fail on it; the rest pass. */
class MydumperNamesTests {

	@Test
	void databaseNamesTheToolsCannotCarryAreNamedWithTheReason() {
		assertThat(MydumperNames.databaseProblem("a/b")).isEqualTo(
				"database `a/b` has a / (mydumper writes names into its file paths)");
		assertThat(MydumperNames.databaseProblem("a`b")).startsWith("database `a``b` has a backtick");
		assertThat(MydumperNames.databaseProblem("it's")).startsWith("database `it's` has a '");
		assertThat(MydumperNames.databaseProblem("db.dot")).startsWith("database `db.dot` has a dot");
	}

	@Test
	void tableNamesTheToolsCannotCarryAreNamedWithTheReason() {
		assertThat(MydumperNames.tableProblem("shop", "a/b")).startsWith("table `shop`.`a/b` has a /");
		assertThat(MydumperNames.tableProblem("shop", "t`bt")).startsWith("table `shop`.`t``bt` has a backtick");
		assertThat(MydumperNames.tableProblem("shop", "t'q")).startsWith("table `shop`.`t'q` has a '");
	}

	@Test
	void spacesDoubleQuotesBackslashesUnicodeAndDotsInTablesPass() {
		for (String name : List.of("plain", "with space", "dq\"name", "back\\slash", "Zoë 🚀", "50%_off")) {
			assertThat(MydumperNames.databaseProblem(name)).as(name).isNull();
			assertThat(MydumperNames.tableProblem("shop", name)).as(name).isNull();
		}
		assertThat(MydumperNames.tableProblem("shop", "t.dot")).isNull();
	}

	@Test
	void aTableWhoseNameMatchesAnotherTableWithTriggersAsALikePatternIsRefused() {
		assertThat(MydumperNames.triggerProblem("shop", "t_1", Set.of("tx1", "t_2", "t_1")))
			.isEqualTo("table `shop`.`t_1` would also take the triggers of `shop`.`tx1` (mydumper 0.10 looks triggers "
					+ "up with LIKE and _ or % match other names)");
		assertThat(MydumperNames.triggerProblem("shop", "50%", Set.of("50 percent", "other")))
			.contains("`shop`.`50 percent`");
		assertThat(MydumperNames.triggerProblem("shop", "t_1", Set.of("t_1", "t_12"))).as("own triggers, no match")
			.isNull();
		assertThat(MydumperNames.triggerProblem("shop", "empty_table", Set.of("orders"))).isNull();
		assertThat(MydumperNames.triggerProblem("shop", "a\\_b", Set.of("axb"))).as("escaped _ is literal").isNull();
	}

	@Test
	void aTableWithABackslashIsRefusedOnlyWhenItHasTriggers() {
		assertThat(MydumperNames.triggerProblem("shop", "t\\q", Set.of("t\\q"))).startsWith("table `shop`.`t\\q` has a \\");
		assertThat(MydumperNames.triggerProblem("shop", "t\\q", Set.of("orders"))).isNull();
	}

	@Test
	void theRefusalNamesEverySelectedObjectAndHowToGoOn() {
		SourceInventory inventory = new SourceInventory(List.of("shop"), java.util.Arrays.asList((String) null), 2,
				List.of("table `shop`.`a/b` has a /", "table `shop`.`t'q` has a '"), 0);

		assertThat(inventory.refusal()).isEqualTo("the mysql tool chain (mydumper/myloader 0.10) cannot export these "
				+ "names: table `shop`.`a/b` has a /; table `shop`.`t'q` has a '. Exclude them with a filter rule "
				+ "(!db.table or !db.*) or rename them");
		assertThat(new SourceInventory(List.of("shop"), java.util.Arrays.asList((String) null), 2, List.of(), 0).refusal())
			.isNull();
	}

}
