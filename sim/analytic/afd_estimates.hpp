#pragma once
// Every closed-form estimate of an AFD run, from one set of inputs (analytic_inputs.hpp); which
// Tc each one uses:
// - seed formula: T_attn = L batch_attention_layer_s, T_ffn = L batch_ffn_layer_s, T_transfer =
//   L (Tc_a2f + Tc_f2a) of whole-batch messages alone on their routes (single: the seed knows no
//   sharing); the colocated data-parallel step from the same T_attn, T_ffn and T_lm.
// - MegaScale-Infer and AIConfigurator: Ta, Tf, and Tc shared (the last of r simultaneous
//   arrivals: the FFN waits for all r inputs, and its r replies leave together).
// - Song et al.: the fitted lines (song_fit.hpp) with t_C per worker, at the token load
//   B (theta + 1) of the workload's stationary slot load; the barrier refinement with
//   G = max(t_F(rB), t_C), mu = t_A and sigma = alpha_A x the simulated spread of the workers'
//   token loads (with fixed lengths the spread comes from their initial progress), beside
//   sigma_iid = alpha_A sqrt(B var) of Song's iid slots.
#include "sim/analytic/aiconfigurator.hpp"
#include "sim/analytic/analytic_inputs.hpp"
#include "sim/analytic/colocated_baseline.hpp"
#include "sim/analytic/megascale.hpp"
#include "sim/analytic/seed_formula.hpp"
#include "sim/analytic/simulated_values.hpp"
#include "sim/analytic/slot_load.hpp"
#include "sim/analytic/song.hpp"
#include "sim/analytic/song_fit.hpp"

namespace afdsim {

struct SongBarrier {
  double g_s = 0;      // max(t_F(rB), t_C)
  double mu_s = 0;     // t_A at the token load
  double sigma_s = 0;  // from the simulated spread across workers
  double sigma_iid_s = 0;
  double expected_cycle_s = 0;
  double expected_cycle_iid_s = 0;
};

struct SongAnalysis {
  SongFitSpec spec;
  SongFit fit;
  SlotLoad slot_load;                // the workload's theta and variance
  double token_load_tokens = 0;      // B (theta + 1)
  SongEstimate estimate;
  double t_ffn_cost_model_s = 0;     // the staircase at the scenario's r, beside the line's t_F
  double t_communication_ingress_s = 0;  // v4 form: the r workers' messages through the FFN's links
  SongBarrier barrier;
};

struct AfdEstimates {
  AfdInputs inputs;
  SeedEstimate seed;
  DataParallelEstimate data_parallel;
  MegaScaleEstimate megascale;
  AiconfiguratorEstimate aiconfigurator;
  SongAnalysis song;
};

AfdEstimates estimate_afd(const Scenario& scenario, const CostModel& cost, const SimulationResult& result,
                          const SimulatedValues& simulated);

} // namespace afdsim
