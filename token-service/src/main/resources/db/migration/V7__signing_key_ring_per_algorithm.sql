-- One ring of keys per algorithm (ES256 access tokens, RS256 ID tokens): one ACTIVE and one NEXT key per algorithm.
DROP INDEX signing_key_one_active_idx;
DROP INDEX signing_key_one_next_idx;
CREATE UNIQUE INDEX signing_key_one_active_per_algorithm_idx ON signing_key (algorithm) WHERE status = 'ACTIVE';
CREATE UNIQUE INDEX signing_key_one_next_per_algorithm_idx ON signing_key (algorithm) WHERE status = 'NEXT';
