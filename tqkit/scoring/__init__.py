"""Scoring: sacrebleu metrics from streamed sufficient statistics, paired tests, post-edit effort."""
