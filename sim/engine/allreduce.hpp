#pragma once
// One GPU's side of the all-reduces of its tensor-parallel group, as SimGrid messages over the
// platform (so they share links with everything else in flight):
// - ring: 2(k - 1) phases (reduce-scatter, then all-gather); in each, every GPU sends a chunk of
//   ceil(bytes / k) to its successor and waits for its predecessor's. Alone on a star of links of
//   bandwidth B and route latency l: 2(k - 1)(l + bytes / (k B)).
// - one_shot: every GPU sends its whole buffer to the k - 1 others at once (through the
//   NVSwitch) and waits for theirs: l + (k - 1) bytes / B, its up link carrying k - 1 copies.
// The reduction arithmetic itself is not timed (a few us of elementwise work per layer).
// Each wait is recorded as WaitCause::allreduce, each message as a TransferRecord whose
// `microbatch` field says which of the layer's two all-reduces it belongs to.
#include "sim/config/scenario.hpp"
#include "sim/engine/inbox.hpp"
#include "sim/engine/worker_io.hpp"

#include <simgrid/forward.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace afdsim {

// Which all-reduce of a layer: the `microbatch` field of its records.
enum class LayerAllReduce { after_attention = 0, after_ffn = 1 };

class GroupAllReduce {
public:
  // `workers` and `hosts`: the group's GPUs in rank order; this GPU is `rank`. `all_reduces` is
  // how many this GPU will run (its receives are posted for all of them). Construct it in the
  // GPU's actor: it posts the first receives.
  GroupAllReduce(WorkerIo& io, AllreduceAlgorithm algorithm, std::vector<int> workers,
                 std::vector<simgrid::s4u::Host*> hosts, int rank, int64_t all_reduces);

  // Sums `bytes` of hidden states (of `tokens` tokens) over the group; returns once this GPU
  // holds the sum.
  void run(int step, int layer, LayerAllReduce which, int tokens, uint64_t bytes);

private:
  int size() const { return static_cast<int>(workers_.size()); }
  int peer(int offset) const { return (rank_ + offset) % size(); }
  void send(int to_rank, int step, int layer, LayerAllReduce which, int tokens, uint64_t bytes);
  void check_and_record(Inbox& inbox, int from_rank, int step, int layer, LayerAllReduce which);
  void ring(int step, int layer, LayerAllReduce which, int tokens, uint64_t bytes);
  void one_shot(int step, int layer, LayerAllReduce which, int tokens, uint64_t bytes);

  WorkerIo& io_;
  AllreduceAlgorithm algorithm_;
  std::vector<int> workers_;
  std::vector<simgrid::s4u::Host*> hosts_;
  int rank_;
  std::vector<simgrid::s4u::Mailbox*> to_peer_;     // index = rank; this GPU's stream into each peer
  std::vector<std::unique_ptr<Inbox>> from_peer_;   // index = rank; null where nothing arrives
};

} // namespace afdsim
