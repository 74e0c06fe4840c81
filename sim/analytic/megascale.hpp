#pragma once
// MegaScale-Infer's ping-pong pipeline (arXiv 2504.02263, eq. 5 and constraint 3), with Ta, Tf
// the attention and FFN time of one microbatch in one layer and Tc_a2f, Tc_f2a the one-way
// transfers (the paper's 2Tc is their sum here):
//   step = (Ta + Tf + Tc_a2f + Tc_f2a) + max(Ta, Tf) (mL - 1) + T_lm
// (the paper has no LM head; afdsim adds T_lm once per step because its attention workers run it
// after the last layer, when the pipeline is empty). The form assumes the slower side never
// waits, which MegaScale states as
//   m >= 2 (1 + Tc / Tf'),  Tf' = max(Ta, Tf), Tc = (Tc_a2f + Tc_f2a) / 2.
// For unequal sides the exact condition (the slower side is never starved: the other side and
// the round trip of a microbatch fit in the m - 1 others) is, derived here:
//   (m - 1) max(Ta, Tf) >= min(Ta, Tf) + Tc_a2f + Tc_f2a,
// which is MegaScale's when Ta = Tf. Under it the form is exact for equal microbatches and
// workers in step.
namespace afdsim {

struct MegaScaleEstimate {
  double cycle_s = 0;                     // Tf' = max(Ta, Tf)
  double step_s = 0;
  double min_microbatches = 0;            // MegaScale's 2 (1 + Tc / Tf')
  double min_microbatches_no_bubble = 0;  // 1 + (min(Ta, Tf) + Tc_a2f + Tc_f2a) / Tf'
  bool condition_met = false;             // m >= min_microbatches_no_bubble
};

MegaScaleEstimate megascale_estimate(double ta_s, double tf_s, double tc_a2f_s, double tc_f2a_s, double lm_head_s,
                                     int microbatches, int layers);

} // namespace afdsim
