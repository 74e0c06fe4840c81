#pragma once
// Song et al.'s Gaussian barrier refinement (arXiv 2601.21351 v3/v4): each of r attention
// workers takes t_A ~ N(mu, sigma^2) per step, independently; the FFN side G is deterministic;
// the step waits for the slowest worker:
//   E[cycle] = E[max(G, mu + sigma max_j Z_j)] = G + sigma * integral_z^inf (1 - Phi(x)^r) dx,
//   z = (G - mu) / sigma.
namespace afdsim {

// integral_z^inf (1 - Phi(x)^r) dx = E[(max of r standard normals - z)+], by composite Simpson
// on [max(z, -12), max(z, 0) + 12] (the integrand is 1 below -12 and under 1e-31 above +12 in
// double precision) plus the exact part below -12. r >= 1 (std::invalid_argument otherwise).
double max_normal_excess(double z, int r);

// E[cycle] above. sigma_s = 0 gives max(G, mu) (every worker equal: no barrier).
double expected_barrier_cycle_s(double g_s, double mu_s, double sigma_s, int r);

} // namespace afdsim
