package dev.ferry.manifest;

import java.nio.ByteBuffer;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The eight-bytes-at-a-time row count agrees with a byte-by-byte one, however the bytes are split into blocks. */
class InsertRowsTests {

	@Test
	void countsLineBreaksFollowedByAParenthesisAcrossAnySplit() {
		Random random = new Random(42);
		byte[] alphabet = { '\n', '(', 'a', '\\', (byte) 0x8a, (byte) 0xa8, 0 };
		for (int round = 0; round < 2000; round++) {
			byte[] bytes = new byte[random.nextInt(200)];
			for (int i = 0; i < bytes.length; i++) {
				bytes[i] = alphabet[random.nextInt(alphabet.length)];
			}
			InsertRows rows = new InsertRows();
			int at = 0;
			while (at < bytes.length) {
				int n = 1 + random.nextInt(40);
				n = Math.min(n, bytes.length - at);
				ByteBuffer block = (round % 2 == 0) ? ByteBuffer.allocateDirect(n + 3) : ByteBuffer.allocate(n + 3);
				block.position(3); // a block need not start at 0
				block.put(bytes, at, n);
				block.position(3);
				rows.update(block);
				assertThat(block.position()).as("the position stays").isEqualTo(3);
				at += n;
			}
			assertThat(rows.rows()).as("round %d", round).isEqualTo(naive(bytes));
		}
	}

	@Test
	void aFileStartingWithAParenthesisStartsARow() {
		InsertRows rows = new InsertRows();
		rows.update(ByteBuffer.wrap("(1),\n(2);\n".getBytes()));
		assertThat(rows.rows()).isEqualTo(2);
	}

	private static long naive(byte[] bytes) {
		long rows = (bytes.length > 0 && bytes[0] == '(') ? 1 : 0;
		for (int i = 0; i + 1 < bytes.length; i++) {
			if (bytes[i] == '\n' && bytes[i + 1] == '(') {
				rows++;
			}
		}
		return rows;
	}

}
