#include "sim/engine/allreduce.hpp"

#include <simgrid/s4u/Comm.hpp>
#include <simgrid/s4u/Mailbox.hpp>

#include <stdexcept>
#include <string>

namespace afdsim {

namespace {

std::string stream_name(int from_worker, int to_worker)
{
  return "allreduce:gpu" + std::to_string(to_worker) + "<-gpu" + std::to_string(from_worker);
}

} // namespace

GroupAllReduce::GroupAllReduce(WorkerIo& io, AllreduceAlgorithm algorithm, std::vector<int> workers,
                               std::vector<simgrid::s4u::Host*> hosts, int rank, int64_t all_reduces)
    : io_(io), algorithm_(algorithm), workers_(std::move(workers)), hosts_(std::move(hosts)), rank_(rank)
{
  const int k = size();
  const int me = workers_[static_cast<size_t>(rank_)];
  from_peer_.resize(static_cast<size_t>(k));
  for (int r = 0; r < k; ++r) {
    const int other = workers_[static_cast<size_t>(r)];
    to_peer_.push_back(r == rank_ ? nullptr : simgrid::s4u::Mailbox::by_name(stream_name(me, other)));
  }
  if (k < 2)
    return;
  if (algorithm_ == AllreduceAlgorithm::ring) {
    // Only the predecessor sends here: 2(k - 1) chunks per all-reduce.
    const int from = peer(k - 1);
    const auto mailbox = simgrid::s4u::Mailbox::by_name(stream_name(workers_[static_cast<size_t>(from)], me));
    from_peer_[static_cast<size_t>(from)] = std::make_unique<Inbox>(mailbox, all_reduces * 2 * (k - 1));
  } else {
    for (int r = 0; r < k; ++r)
      if (r != rank_)
        from_peer_[static_cast<size_t>(r)] = std::make_unique<Inbox>(
            simgrid::s4u::Mailbox::by_name(stream_name(workers_[static_cast<size_t>(r)], me)), all_reduces);
  }
}

void GroupAllReduce::run(int step, int layer, LayerAllReduce which, int tokens, uint64_t bytes)
{
  if (size() < 2)
    return;
  if (algorithm_ == AllreduceAlgorithm::ring)
    ring(step, layer, which, tokens, bytes);
  else
    one_shot(step, layer, which, tokens, bytes);
}

void GroupAllReduce::send(int to_rank, int step, int layer, LayerAllReduce which, int tokens, uint64_t bytes)
{
  auto message = std::make_unique<ActivationMessage>();
  message->step = step;
  message->layer = layer;
  message->microbatch = static_cast<int>(which);
  message->source_worker = workers_[static_cast<size_t>(rank_)];
  message->tokens = tokens;
  message->bytes = bytes;
  io_.send(to_peer_[static_cast<size_t>(to_rank)], hosts_[static_cast<size_t>(to_rank)], std::move(message));
}

// Messages of one stream arrive in the order they were sent; anything else is an engine bug.
void GroupAllReduce::check_and_record(Inbox& inbox, int from_rank, int step, int layer, LayerAllReduce which)
{
  const auto message = inbox.take();
  const int from = workers_[static_cast<size_t>(from_rank)];
  if (message->step != step || message->layer != layer || message->microbatch != static_cast<int>(which) ||
      message->source_worker != from)
    throw std::logic_error("gpu" + std::to_string(workers_[static_cast<size_t>(rank_)]) + " expected all-reduce " +
                           std::to_string(static_cast<int>(which)) + " of (step " + std::to_string(step) + ", layer " +
                           std::to_string(layer) + ") from gpu" + std::to_string(from) + ", got gpu" +
                           std::to_string(message->source_worker) + " (" + std::to_string(message->step) + ", " +
                           std::to_string(message->layer) + ", " + std::to_string(message->microbatch) + ")");
  io_.record_arrival(*message);
}

void GroupAllReduce::ring(int step, int layer, LayerAllReduce which, int tokens, uint64_t bytes)
{
  const int k = size();
  const uint64_t chunk_bytes = (bytes + static_cast<uint64_t>(k) - 1) / static_cast<uint64_t>(k);
  const int successor = peer(1);
  const int predecessor = peer(k - 1);
  Inbox& inbox = *from_peer_[static_cast<size_t>(predecessor)];
  // Each phase forwards the chunk the previous phase delivered, so it waits for it first.
  for (int phase = 0; phase < 2 * (k - 1); ++phase) {
    send(successor, step, layer, which, tokens, chunk_bytes);
    const double wait_start_s = WorkerIo::now();
    io_.wait(inbox.pending());
    io_.record_wait(WaitCause::allreduce, step, layer, static_cast<int>(which), wait_start_s);
    check_and_record(inbox, predecessor, step, layer, which);
  }
}

void GroupAllReduce::one_shot(int step, int layer, LayerAllReduce which, int tokens, uint64_t bytes)
{
  const int k = size();
  for (int offset = 1; offset < k; ++offset)
    send(peer(offset), step, layer, which, tokens, bytes);
  const double wait_start_s = WorkerIo::now();
  for (int offset = 1; offset < k; ++offset)
    io_.wait(from_peer_[static_cast<size_t>(peer(offset))]->pending());
  io_.record_wait(WaitCause::allreduce, step, layer, static_cast<int>(which), wait_start_s);
  for (int offset = 1; offset < k; ++offset)
    check_and_record(*from_peer_[static_cast<size_t>(peer(offset))], peer(offset), step, layer, which);
}

} // namespace afdsim
