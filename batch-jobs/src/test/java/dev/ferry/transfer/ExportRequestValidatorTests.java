package dev.ferry.transfer;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ExportRequestValidator#zipName}: the archive's file name, which must stay a single plain file name. */
class ExportRequestValidatorTests {

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", " ", "   \t " })
	void aMissingOrBlankNameIsDataZip(String requested) {
		assertThat(ExportRequestValidator.zipName(requested)).isEqualTo("data.zip");
	}

	@Test
	void aNameWithoutExtensionGetsDotZip() {
		assertThat(ExportRequestValidator.zipName("nightly")).isEqualTo("nightly.zip");
	}

	@Test
	void aNameAlreadyEndingInZipIsKeptWhateverItsCase() {
		assertThat(ExportRequestValidator.zipName("a.ZIP")).isEqualTo("a.ZIP");
		assertThat(ExportRequestValidator.zipName("backup.zip")).isEqualTo("backup.zip");
		assertThat(ExportRequestValidator.zipName("b.Zip")).isEqualTo("b.Zip");
	}

	@Test
	void otherExtensionsAreKeptAndGetDotZipAppended() {
		assertThat(ExportRequestValidator.zipName("dump.tar")).isEqualTo("dump.tar.zip");
		assertThat(ExportRequestValidator.zipName("v1.2.3")).isEqualTo("v1.2.3.zip");
	}

	@Test
	void surroundingWhitespaceIsStripped() {
		assertThat(ExportRequestValidator.zipName("  nightly  ")).isEqualTo("nightly.zip");
		assertThat(ExportRequestValidator.zipName("\tnightly.zip\n")).isEqualTo("nightly.zip");
	}

	@Test
	void lettersDigitsSpacesAndTheListedPunctuationAreAllowed() {
		assertThat(ExportRequestValidator.zipName("Données 2024 (v1)+final_x-y"))
			.isEqualTo("Données 2024 (v1)+final_x-y.zip");
		assertThat(ExportRequestValidator.zipName("备份_٣")).isEqualTo("备份_٣.zip");
	}

	@Test
	void aNameOf120CharactersIsAcceptedAnd121IsRejected() {
		String name120 = "n".repeat(120);

		assertThat(ExportRequestValidator.zipName(name120)).isEqualTo(name120 + ".zip");
		assertInvalid("n".repeat(121));
		assertInvalid("n".repeat(117) + ".zip"); // 121 characters including the extension
	}

	@ParameterizedTest
	@ValueSource(strings = { "../x.zip", "a/b.zip", "a\\b.zip", "/abs.zip", "\\abs.zip", "..zip", "..", "...",
			"a..b", "x/..", "./x", "C:\\x.zip", "a:b", "x\u2215y", "x\uff0fy", "a*b", "a?b", "~", "$HOME", "a|b",
			"a<b>", "a\"b", "a'b" })
	void rejectsSeparatorsDotDotAndOtherPunctuation(String requested) {
		assertInvalid(requested);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\u0000b", "a\tb", "a\nb", "a\rb", "a\u007fb", "a\u001bb", "a\u200bb" })
	void rejectsControlAndInvisibleCharactersInsideTheName(String requested) {
		assertInvalid(requested);
	}

	@ParameterizedTest
	@ValueSource(strings = { ".", "a.", ".zip", ".hidden" })
	void namesStartingOrEndingWithADotAreRejected(String requested) {
		assertThatThrownBy(() -> ExportRequestValidator.zipName(requested)).isInstanceOf(FerryException.class)
			.hasMessageContaining("not starting or ending with '.'");
	}

	@Test
	void theFailureIsAParameterInvalidNamingZipNameAndTheValue() {
		assertThatThrownBy(() -> ExportRequestValidator.zipName("../etc/passwd")).isInstanceOf(FerryException.class)
			.satisfies((ex) -> assertThat(((FerryException) ex).errorCode()).isEqualTo(ErrorCode.PARAMETER_INVALID))
			.hasMessageContaining("zipName")
			.hasMessageContaining("'../etc/passwd'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "nightly", "a.ZIP", "x y", "(1)", "+-_", "Données" })
	void anAcceptedNameIsAlwaysASingleFileNameInsideItsDirectory(String requested) {
		String name = ExportRequestValidator.zipName(requested);

		assertThat(name).doesNotContain("/").doesNotContain("\\").isNotIn(".", "..");
		Path dir = Path.of("/srv/ferry/c1/1-nfs");
		Path resolved = dir.resolve(name).normalize();
		assertThat(resolved.getParent()).isEqualTo(dir);
		assertThat(resolved.getFileName()).hasToString(name);
	}

	private static void assertInvalid(String requested) {
		assertThatThrownBy(() -> ExportRequestValidator.zipName(requested)).as("zipName %s", requested)
			.isInstanceOfSatisfying(FerryException.class,
					(ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.PARAMETER_INVALID))
			.hasMessageContaining("zipName");
	}

}
