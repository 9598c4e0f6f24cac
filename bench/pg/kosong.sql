-- A statement with no work: the fixed cost of a round trip and an execution.
SELECT :benar;
