package dev.ferry.engine.plan;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQL of chunk bounds and the integer split arithmetic (the rows themselves: ChunkPlannerIntegrationTests). */
class ChunkPredicateTests {

	static final List<KeyColumn> COMPOSITE = List.of(new KeyColumn("na`me", KeyType.TEXT),
			new KeyColumn("n", KeyType.INTEGER), new KeyColumn("b", KeyType.BYTES));

	@Test
	void aCompositeLowerBoundIsAnInclusiveTupleComparisonWithTheLeadingColumnsRange() {
		ChunkPredicate predicate = ChunkPredicate.of(COMPOSITE, Bound.of("x", "1", "ff"), null);

		assertThat(predicate.sql()).isEqualTo("(`na``me` >= ? AND (`na``me` > ? OR (`na``me` = ? AND "
				+ "(`n` > ? OR (`n` = ? AND `b` >= ?)))))");
	}

	@Test
	void anUpperBoundIsTheExactNegationOfTheSameLowerBound() {
		ChunkPredicate predicate = ChunkPredicate.of(COMPOSITE, null, Bound.of("x", "1", "ff"));

		assertThat(predicate.sql()).isEqualTo("(`na``me` <= ? AND (`na``me` < ? OR (`na``me` = ? AND "
				+ "(`n` < ? OR (`n` = ? AND `b` < ?)))))");
	}

	@Test
	void aSingleColumnChunkIsAPlainHalfOpenRange() {
		List<KeyColumn> key = List.of(new KeyColumn("id", KeyType.INTEGER));

		assertThat(ChunkPredicate.of(key, Bound.of("-5"), Bound.of("10")).whereClause())
			.isEqualTo(" WHERE (`id` >= ?) AND (`id` < ?)");
		assertThat(ChunkPredicate.of(key, null, null).whereClause()).isEmpty();
	}

	@Test
	void integerRangesCoverTheWholeSpanUpToBigintUnsignedMax() {
		BigInteger max = new BigInteger("18446744073709551615");
		BigInteger min = max.subtract(BigInteger.valueOf(999));

		List<Bound> bounds = IntegerRanges.split(min, max, 1000, 100);

		assertThat(bounds).hasSize(9);
		assertThat(bounds.get(0).values()).containsExactly(min.add(BigInteger.valueOf(100)).toString());
		assertThat(new BigInteger(bounds.get(8).values().get(0))).isLessThanOrEqualTo(max);
	}

	@Test
	void aSpanFarWiderThanTheRowsIsLeftToSampling() {
		assertThat(IntegerRanges.split(BigInteger.ZERO, BigInteger.valueOf(1_000_000), 1000, 100)).isNull();
		assertThat(IntegerRanges.split(BigInteger.valueOf(-500), BigInteger.valueOf(499), 1000, 100)).hasSize(9);
	}

	@Test
	void moreChunksThanKeyValuesAreNeverPlanned() {
		assertThat(IntegerRanges.split(BigInteger.ONE, BigInteger.valueOf(3), 1000, 100)).hasSize(2);
	}

}
