/**
 * Exact explanations of a tree ensemble's raw margin (log-odds), before calibration.
 * {@link dev.yocho.scoring.explain.TreeShap} answers "why this score today" with path-dependent
 * TreeSHAP values that sum with the expected value to the margin;
 * {@link dev.yocho.scoring.explain.BaselineShapley} answers "why did the score move between dates
 * a and b" with baseline Shapley values of x_b against x_a as the only reference, which sum to
 * {@code margin(x_b) − margin(x_a)} and give exactly zero to every feature whose value did not
 * change. Both walk the same {@link dev.yocho.features.bundle.TreeEnsemble} that the ONNX model was
 * written from, with the same split semantics, and neither allocates per row: each caller thread
 * holds its own workspace.
 *
 * <p>On top of them, {@link dev.yocho.scoring.explain.MoveExplainer} explains a grade move as credit
 * staff read it ({@link dev.yocho.scoring.explain.MoveExplanation}): the model/tier effect when
 * another model scored the later date, the data effect attributed by baseline Shapley on the
 * earlier date's model, and {@link dev.yocho.scoring.explain.Reason}s for the top adverse and
 * favourable drivers, coded by the reason-code table ({@code reason_codes.tsv}, Japanese and
 * English, {@link dev.yocho.scoring.explain.ReasonCodes}) with the facts behind them ({@link
 * dev.yocho.scoring.explain.MoveFacts}: new statements, trial balances, events and inquiries, and
 * those that left a look-back window), written for people by {@code ReasonText}: values in their
 * units, bounds as bounds, missing values with the fact behind them.
 */
package dev.yocho.scoring.explain;
