#pragma once
// The decode batch of one attention worker (colocated: one replica): the requests decoding now,
// at most `slots` of them, and a FIFO queue of requests waiting for admission. A request is
// admitted only when a slot is free and its whole KV (prompt + output tokens) fits next to the
// KV reserved by the requests already decoding, so the KV in use never exceeds the capacity.
// Closed loop: a finished request is replaced at once by a new one from the source (queued when
// its KV does not fit yet). Open loop: the queue is filled by enqueue() (RequestDispatcher).
#include "sim/workload/request_source.hpp"

#include <cstdint>
#include <deque>
#include <limits>
#include <random>
#include <vector>

namespace afdsim {

struct Request {
  int64_t id = 0;           // unique over the whole simulation
  int prompt_tokens = 0;
  int output_tokens = 0;
  int decoded_tokens = 0;   // output tokens produced so far, in [0, output_tokens)
  double arrival_s = -1;    // when it was queued (closed loop: when a slot freed); < 0: initial
  double joined_s = -1;     // when it was admitted; < 0: one of the initial requests
  // KV tokens attention reads for this request in the coming step: prompt, tokens decoded so far
  // and the new token.
  double kv_read_tokens() const { return static_cast<double>(prompt_tokens) + decoded_tokens + 1; }
  // KV it holds at its last step, reserved for it from admission on.
  double kv_reserved_tokens() const { return static_cast<double>(prompt_tokens) + output_tokens; }
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

constexpr double kUnlimitedKvTokens = std::numeric_limits<double>::infinity();

class RequestSlots {
public:
  // Closed loop: fills `slots` slots from `source`. The initial requests start at a decode
  // progress drawn uniformly in [0, output_tokens) from `rng`, so the run starts in steady state.
  // `warm_start_tokens` > 0 (lengths that vary): each slot instead replays source requests back
  // to back up to a point drawn uniformly in [0, warm_start_tokens) and starts with the request
  // there, at its progress there. That request is length-biased (a slot spends more steps on
  // long requests), as in the closed loop's stationary state, when warm_start_tokens is many
  // mean output lengths. Initial requests whose KV does not fit wait in the queue.
  RequestSlots(int slots, RequestSource& source, RequestIds& ids, std::mt19937_64& rng,
               uint64_t warm_start_tokens = 0, double kv_capacity_tokens = kUnlimitedKvTokens);
  // Open loop: empty; requests come through enqueue().
  RequestSlots(int slots, RequestIds& ids, double kv_capacity_tokens);

  // The requests decoding, in slot order (a replaced request keeps its place; admitted ones join
  // at the end).
  const std::vector<Request>& requests() const { return requests_; }
  // The load of each microbatch: consecutive requests, sizes from split_microbatches.
  std::vector<MicrobatchLoad> microbatch_loads(int microbatches) const;
  double context_tokens() const;

  // One decode step done: every request gains a token; finished requests leave (appended to
  // `finished`). Closed loop: each is replaced by a new request, in its place when the KV allows
  // (appended to `admitted`), else queued. Returns how many finished.
  int advance(double now_s, std::vector<Request>& finished, std::vector<Request>& admitted);
  int advance(double now_s, std::vector<Request>& finished);
  int advance();
  // Open loop: a request reaches this worker. One whose KV exceeds the whole capacity can never
  // run: it is rejected (counted) and false returned.
  bool enqueue(const RequestShape& shape, double arrival_s);
  // Admits queued requests in FIFO order while a slot is free and the head's KV fits; appends
  // them to `admitted`. Returns how many.
  int admit(double now_s, std::vector<Request>& admitted);

  size_t queued() const { return queue_.size(); }
  double kv_capacity_tokens() const { return kv_capacity_tokens_; }
  double kv_reserved_tokens() const { return kv_reserved_tokens_; }   // of the requests decoding
  double kv_queued_tokens() const { return kv_queued_tokens_; }       // of the requests waiting
  double peak_kv_reserved_tokens() const { return peak_kv_reserved_tokens_; }
  int64_t rejected() const { return rejected_; }

private:
  static RequestShape checked(RequestShape shape);
  Request with_id(const RequestShape& shape);
  bool fits(const Request& r) const;
  void start(Request& r, double now_s);  // reserves its KV
  // Closed loop: the next request of the source that can ever fit (too large ones are rejected).
  Request next_from_source();

  int slots_;
  RequestSource* source_ = nullptr;  // closed loop only
  RequestIds& ids_;
  double kv_capacity_tokens_;
  std::vector<Request> requests_;
  std::deque<Request> queue_;
  double kv_reserved_tokens_ = 0;
  double kv_queued_tokens_ = 0;
  double peak_kv_reserved_tokens_ = 0;
  int64_t rejected_ = 0;
};

} // namespace afdsim
