package dev.ferry.engine.format;

import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ByteOutputTests {

	@Test
	void aBigRowGoesStraightToTheStreamAndItsMemoryIsLetGo() throws Exception {
		ByteArrayOutputStream stream = new ByteArrayOutputStream();
		ByteOutput file = new ByteOutput(stream);
		ByteOutput row = new ByteOutput();
		file.write(new byte[] { 1, 2, 3 });
		row.write(new byte[8 * 1024 * 1024]);

		file.write(row);
		row.reset();
		row.shrink();

		assertThat(stream.size()).isEqualTo(3 + 8 * 1024 * 1024);
		assertThat(file.total()).isEqualTo(stream.size());
		assertThat(file.array().length).isLessThanOrEqualTo(ByteOutput.FLUSH_AT + 1024);
		assertThat(row.array().length).isLessThanOrEqualTo(1024 * 1024);
	}

	@Test
	void smallWritesStayBufferedUntilFull() throws Exception {
		ByteArrayOutputStream stream = new ByteArrayOutputStream();
		ByteOutput file = new ByteOutput(stream);
		for (int i = 0; i < 1000; i++) {
			file.writeAscii("0123456789");
			file.flushIfFull();
		}
		assertThat(stream.size()).isZero();
		assertThat(file.total()).isEqualTo(10_000);
		file.writeHex(new byte[] { 0, (byte) 0xAB, 0x7F });
		file.flush();
		assertThat(stream.toString()).endsWith("89" + "00AB7F");
	}

}
