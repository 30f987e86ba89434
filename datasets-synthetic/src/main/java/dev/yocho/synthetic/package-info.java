/**
 * The synthetic SME universe: firms whose latent financial health evolves monthly and from which
 * every observable fact (statements, trial balances, inquiries, events, guarantee applications,
 * defaults, closures) derives, with the ground truth ({@code truth_pd}) computed from the
 * generator's own process.
 *
 * <p><b>The process.</b> Each firm has a latent health {@code x} (higher is healthier) that reverts
 * monthly to a firm-specific level shifted by the economy (one downturn year, input-cost pressure
 * and rising interest rates in the last years) and by an industry factor, with Gaussian shocks and
 * occasional jumps (loss of a major customer, a new major contract). A two-state acute-distress
 * chain sits on top: entry is likelier as health falls, and distress raises the default hazard,
 * inquiries and adverse events sharply, which is what makes defaults visible early. Each month a
 * live firm defaults with probability {@code h(x, distress)} and otherwise closes voluntarily
 * (休廃業, a competing risk that censors it) with a firm-specific probability.
 *
 * <p><b>Ground truth.</b> {@code truth_pd} at a month-end is the probability that the firm defaults
 * within the next 365 days given its latent state and the (known) macro path. It is computed by
 * forward simulation of the same monthly step the generator uses: {@value
 * dev.yocho.synthetic.TruthSimulator#PATHS} paths of the health process (antithetic pairs, common
 * random numbers per month), and, along each path, the exact probability of default carried
 * through the distress chain and the closure competing risk (Rao-Blackwellisation: only the
 * continuous part is sampled). The standard error of each PD is estimated from the pairs and its
 * mean is written to {@code truth_manifest}.
 *
 * <p><b>Determinism.</b> One root seed; each firm draws from its own stream derived from (seed,
 * firm id), the economy from its own stream, and the truth simulation from its own; rows are
 * written in firm order whatever the number of threads.
 */
package dev.yocho.synthetic;
