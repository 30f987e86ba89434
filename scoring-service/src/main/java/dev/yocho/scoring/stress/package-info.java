/**
 * Interest-rate stress (DESIGN section 15): the features recomputed as if rates were higher, with
 * the added interest on each firm's interest-bearing debt, and re-scored through the same model
 * bundle; per portfolio, the table the bureaus publish beside the grade migration and the expected
 * defaults under each scenario.
 */
package dev.yocho.scoring.stress;
