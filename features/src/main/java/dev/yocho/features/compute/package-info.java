/**
 * Point-in-time feature computation: the batch path ({@link dev.yocho.features.compute.BatchFeatures},
 * DuckDB SQL over every live firm and any number of as-of dates) and the single-firm path
 * ({@link dev.yocho.features.compute.SingleFirmFeatures}, Java over one firm's facts, for
 * explanations). A contract test holds both equal to a naive reference.
 *
 * <h2>The point-in-time rule</h2>
 *
 * <p>Features as of {@code D} are functions of the facts visible at {@code D} only, so that they
 * equal the features computed from a database from which every fact not yet visible at {@code D}
 * has been deleted. A fact is visible at {@code D} when:
 *
 * <ul>
 *   <li>statements: {@code period_end <= D AND available_at <= D}; of the visible versions of one
 *       {@code period_end}, the one with the latest {@code available_at} wins (restatements). The
 *       statement {@code S} is the latest visible period; {@code P} the visible period before it;
 *   <li>monthly trial balances: {@code available_at <= D}, the latest visible version per month;
 *   <li>events: {@code reported_on <= D} (windows and "days since" use {@code reported_on}: the
 *       monitor learns of an event when it is reported);
 *   <li>inquiries: {@code day <= D}; guarantee applications: {@code applied_on <= D};
 *   <li>defaults and closures: {@code default_on <= D}, {@code closed_on <= D}.
 * </ul>
 *
 * <p>A firm is live at {@code D} when {@code founded_on <= D} and it has no default with {@code
 * default_on <= D} and no closure with {@code closed_on <= D}; features exist for live firms only.
 * The {@code firms} table is not time-stamped (employees, capital, guarantee balance and loan flags
 * are as loaded); this is a limitation of the data model, not of the rule. Windows of {@code w}
 * days are {@code (D - w, D]}. A firm is in the {@link dev.yocho.features.compute.Tier#FULL} tier
 * when it has a visible statement, otherwise {@link dev.yocho.features.compute.Tier#THIN}.
 *
 * <p>Rows are assumed unique on (firm_id, period_end, available_at) for statements and on
 * (firm_id, month, available_at) for trial balances; with exact duplicates either copy may win.
 */
package dev.yocho.features.compute;
