#pragma once
// The decode batch of one attention worker: a fixed number of request slots, each always
// holding an active request (closed loop: a finished request is replaced at once).
#include "sim/workload/request_source.hpp"

#include <cstdint>
#include <random>
#include <vector>

namespace afdsim {

struct Request {
  int64_t id = 0;           // unique over the whole simulation
  int prompt_tokens = 0;
  int output_tokens = 0;
  int decoded_tokens = 0;   // output tokens produced so far, in [0, output_tokens)
  double joined_s = -1;     // when it took its slot; < 0: one of the initial requests
  // KV tokens attention reads for this request in the coming step: prompt, tokens decoded so far
  // and the new token.
  double kv_read_tokens() const { return static_cast<double>(prompt_tokens) + decoded_tokens + 1; }
};

// Hands out request ids, shared by every worker of a simulation.
class RequestIds {
public:
  int64_t take() { return next_++; }

private:
  int64_t next_ = 0;
};

struct MicrobatchLoad {
  int requests = 0;
  double context_tokens = 0;  // KV tokens read by attention, summed over the microbatch's requests
};

// Sizes of m microbatches of B requests: they differ by at most one, the larger ones first.
std::vector<int> split_microbatches(int requests, int microbatches);

class RequestSlots {
public:
  // Fills `slots` slots from `source`. The initial requests start at a decode progress drawn
  // uniformly in [0, output_tokens) from `rng`, so the run starts in steady state.
  // `warm_start_tokens` > 0 (lengths that vary): each slot instead replays source requests back
  // to back up to a point drawn uniformly in [0, warm_start_tokens) and starts with the request
  // there, at its progress there. That request is length-biased (a slot spends more steps on
  // long requests), as in the closed loop's stationary state, when warm_start_tokens is many
  // mean output lengths.
  RequestSlots(int slots, RequestSource& source, RequestIds& ids, std::mt19937_64& rng,
               uint64_t warm_start_tokens = 0);

  const std::vector<Request>& requests() const { return requests_; }
  // The load of each microbatch: consecutive slots, sizes from split_microbatches.
  std::vector<MicrobatchLoad> microbatch_loads(int microbatches) const;
  double context_tokens() const;
  // One decode step done: every request gains a token; finished requests are replaced by new
  // ones (new ids, progress 0). Returns how many finished.
  int advance();
  // The same at simulated time `now_s`: new requests record it as joined_s; the finished ones
  // are appended to `finished`.
  int advance(double now_s, std::vector<Request>& finished);

private:
  Request fresh_request();
  static RequestShape checked(RequestShape shape);
  Request with_id(const RequestShape& shape);
  RequestSource& source_;
  RequestIds& ids_;
  std::vector<Request> requests_;
};

} // namespace afdsim
