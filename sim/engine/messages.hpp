#pragma once
// The messages actors exchange. The payload travels by pointer (SimGrid never copies it); its
// simulated size on the wire is `bytes`, computed from the model and the wire dtype.
#include "sim/specs/dtype.hpp"
#include "sim/specs/model_spec.hpp"

#include <cmath>
#include <cstdint>

namespace afdsim {

// Hidden states of one microbatch of one worker for one layer: attention -> FFN, or the FFN
// output back to its attention worker.
struct ActivationMessage {
  int step = 0;
  int layer = 0;
  int microbatch = 0;
  int source_worker = 0;
  int tokens = 0;
  bool end_of_run = false;  // open loop: the sender will start no more steps (no payload)
  uint64_t bytes = 0;     // simulated size on the wire
  double sent_s = 0;      // set by the sender when it puts the message
  double arrived_s = 0;   // set by the receiver: when the transfer completed
};

// tokens x hidden size x the wire dtype of that direction (FP8 adds its scales).
inline uint64_t activation_bytes(const ModelSpec& model, Dtype wire, int tokens)
{
  return static_cast<uint64_t>(std::llround(tokens * model.activation_bytes_per_token(wire)));
}

// Clean-up of a fire-and-forget send whose message is never received (a run that stops early).
inline void delete_activation(void* payload) { delete static_cast<ActivationMessage*>(payload); }

} // namespace afdsim
