"""An order book too big for one machine, the Spark way: a PySpark job (local mode here) applies
kefu to every partition with ``mapInArrow``; every row must come back with the same decision
as the single-machine path (``kefu.evaluate_frame`` over the whole table)."""

import os
import random
import sys

import pyarrow
import pytest

import kefu

ROWS = 20_000


def order_book(n: int) -> pyarrow.Table:
    """A generated order book (fixed seed; every hundredth row lacks its category)."""
    rng = random.Random(11)
    cats = ["apparel", "cosmetics", "general", "food", "custom_made", "electronics"]
    signed = [rng.randint(1, 28) for _ in range(n)]
    asked = [s + rng.randint(0, 10) for s in signed]
    return pyarrow.table({
        "order_id": [f"TB{i}" for i in range(n)],
        "reason": [rng.choice(["no_reason", "quality_defect"]) for _ in range(n)],
        "category": [None if i % 100 == 0 else rng.choice(cats) for i in range(n)],
        "signed_at": [f"2026-03-{d:02d}T10:00:00+08:00" for d in signed],
        "requested_at": [f"2026-03-{a:02d}T11:00:00+08:00" if a <= 31 else f"2026-04-{a - 31:02d}T11:00:00+08:00" for a in asked],
    })


def test_a_spark_job_decides_every_row_as_one_machine_does() -> None:
    # Defined here so that Spark ships the function itself to its Python workers (a function
    # of this test module would be looked up by module name there, and not found).
    def decide_partition(batches):
        import pyarrow as pa

        import kefu as k

        for batch in batches:
            # The answer keeps the row order; the order id is carried along to join on.
            answer = k.evaluate_frame("check_return", batch, threads=1)
            out = answer.select(["ok", "error_code", "error_path", "verdict", "remedies", "reason_codes"])
            yield from out.append_column("order_id", pa.array(batch.column("order_id"))).to_batches()

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]").appName("kefu-test")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    try:
        book = order_book(ROWS)
        frame = spark.createDataFrame(book.to_pandas()).repartition(4)
        schema = "ok boolean, error_code string, error_path string, verdict string, remedies string, reason_codes string, order_id string"
        spark_rows = {r.order_id: r for r in frame.mapInArrow(decide_partition, schema).collect()}
    finally:
        spark.stop()
    local = kefu.evaluate_frame("check_return", book).to_pylist()
    assert len(spark_rows) == ROWS
    for order_id, row in zip(book.column("order_id").to_pylist(), local):
        s = spark_rows[order_id]
        assert (s.ok, s.error_code, s.error_path, s.verdict, s.remedies, s.reason_codes) == (
            row["ok"], row["error_code"], row["error_path"], row["verdict"], row["remedies"], row["reason_codes"]
        ), order_id
    assert sum(1 for r in local if not r["ok"]) == ROWS // 100
