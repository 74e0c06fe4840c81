#include "sim/workload/request_slots.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace afdsim {

std::vector<int> split_microbatches(int requests, int microbatches)
{
  if (microbatches < 1 || requests < 0)
    throw std::invalid_argument("split_microbatches: " + std::to_string(requests) + " requests into " +
                                std::to_string(microbatches) + " microbatches");
  std::vector<int> sizes(static_cast<size_t>(microbatches), requests / microbatches);
  for (int k = 0; k < requests % microbatches; ++k)
    ++sizes[static_cast<size_t>(k)];
  return sizes;
}

RequestSlots::RequestSlots(int slots, RequestSource& source, RequestIds& ids, std::mt19937_64& rng,
                           uint64_t warm_start_tokens, double kv_capacity_tokens)
    : slots_(slots), source_(&source), ids_(ids), kv_capacity_tokens_(kv_capacity_tokens)
{
  std::vector<Request> initial;
  initial.reserve(static_cast<size_t>(slots));
  for (int i = 0; i < slots && warm_start_tokens > 0; ++i) {
    uint64_t position = uniform_below(rng, warm_start_tokens);
    RequestShape shape = checked(source.next());
    while (position >= static_cast<uint64_t>(shape.output_tokens)) {
      position -= static_cast<uint64_t>(shape.output_tokens);
      shape = checked(source.next());
    }
    Request r = with_id(shape);
    r.decoded_tokens = static_cast<int>(position);
    initial.push_back(r);
  }
  for (int i = 0; i < slots && warm_start_tokens == 0; ++i) {
    Request r = with_id(checked(source.next()));
    r.decoded_tokens = static_cast<int>(uniform_below(rng, static_cast<uint64_t>(r.output_tokens)));
    initial.push_back(r);
  }
  requests_.reserve(static_cast<size_t>(slots));
  for (Request& r : initial) {
    if (queue_.empty() && fits(r)) {
      kv_reserved_tokens_ += r.kv_reserved_tokens();
      requests_.push_back(r);
    } else {
      kv_queued_tokens_ += r.kv_reserved_tokens();
      queue_.push_back(r);
    }
  }
  peak_kv_reserved_tokens_ = kv_reserved_tokens_;
}

RequestSlots::RequestSlots(int slots, RequestIds& ids, double kv_capacity_tokens)
    : slots_(slots), ids_(ids), kv_capacity_tokens_(kv_capacity_tokens)
{
  requests_.reserve(static_cast<size_t>(slots));
}

RequestShape RequestSlots::checked(RequestShape shape)
{
  if (shape.output_tokens < 1 || shape.prompt_tokens < 0)
    throw std::invalid_argument("request source produced prompt " + std::to_string(shape.prompt_tokens) +
                                ", output " + std::to_string(shape.output_tokens) + " tokens");
  return shape;
}

Request RequestSlots::with_id(const RequestShape& shape)
{
  Request r;
  r.id = ids_.take();
  r.prompt_tokens = shape.prompt_tokens;
  r.output_tokens = shape.output_tokens;
  return r;
}

bool RequestSlots::fits(const Request& r) const
{
  return static_cast<int>(requests_.size()) < slots_ &&
         kv_reserved_tokens_ + r.kv_reserved_tokens() <= kv_capacity_tokens_;
}

void RequestSlots::start(Request& r, double now_s)
{
  r.joined_s = now_s;
  kv_reserved_tokens_ += r.kv_reserved_tokens();
  peak_kv_reserved_tokens_ = std::max(peak_kv_reserved_tokens_, kv_reserved_tokens_);
}

Request RequestSlots::next_from_source()
{
  // Lengths that vary may now and then draw a request larger than the whole KV; a source whose
  // requests never fit is a configuration the memory check should have refused.
  for (int attempt = 0; attempt < 100000; ++attempt) {
    Request r = with_id(checked(source_->next()));
    if (r.kv_reserved_tokens() <= kv_capacity_tokens_)
      return r;
    ++rejected_;
  }
  throw std::runtime_error("request source: 100000 requests in a row need more KV than the worker's " +
                           std::to_string(kv_capacity_tokens_) + " tokens");
}

std::vector<MicrobatchLoad> RequestSlots::microbatch_loads(int microbatches) const
{
  const std::vector<int> sizes = split_microbatches(static_cast<int>(requests_.size()), microbatches);
  std::vector<MicrobatchLoad> loads;
  loads.reserve(sizes.size());
  size_t next = 0;
  for (int size : sizes) {
    MicrobatchLoad load;
    load.requests = size;
    for (int i = 0; i < size; ++i)
      load.context_tokens += requests_[next++].kv_read_tokens();
    loads.push_back(load);
  }
  return loads;
}

double RequestSlots::context_tokens() const
{
  double sum = 0;
  for (const auto& r : requests_)
    sum += r.kv_read_tokens();
  return sum;
}

int RequestSlots::advance()
{
  std::vector<Request> finished;
  return advance(-1, finished);
}

int RequestSlots::advance(double now_s, std::vector<Request>& finished)
{
  std::vector<Request> admitted;
  return advance(now_s, finished, admitted);
}

int RequestSlots::advance(double now_s, std::vector<Request>& finished, std::vector<Request>& admitted)
{
  int count = 0;
  bool any_left = false;  // some request left without a replacement in its place
  for (auto& r : requests_) {
    if (++r.decoded_tokens < r.output_tokens)
      continue;
    finished.push_back(r);
    kv_reserved_tokens_ -= r.kv_reserved_tokens();
    ++count;
    r.id = -1;  // leaves; closed loop: replaced below when it fits
    if (source_ == nullptr) {
      any_left = true;
      continue;
    }
    Request next = next_from_source();
    next.arrival_s = now_s;
    if (queue_.empty() && kv_reserved_tokens_ + next.kv_reserved_tokens() <= kv_capacity_tokens_) {
      start(next, now_s);
      admitted.push_back(next);
      r = next;
    } else {
      kv_queued_tokens_ += next.kv_reserved_tokens();
      queue_.push_back(next);
      any_left = true;
    }
  }
  if (any_left)
    requests_.erase(std::remove_if(requests_.begin(), requests_.end(), [](const Request& r) { return r.id < 0; }),
                    requests_.end());
  return count;
}

bool RequestSlots::enqueue(const RequestShape& shape, double arrival_s)
{
  Request r = with_id(checked(shape));
  if (r.kv_reserved_tokens() > kv_capacity_tokens_) {
    ++rejected_;
    return false;
  }
  r.arrival_s = arrival_s;
  kv_queued_tokens_ += r.kv_reserved_tokens();
  queue_.push_back(r);
  return true;
}

int RequestSlots::admit(double now_s, std::vector<Request>& admitted)
{
  int count = 0;
  while (!queue_.empty() && fits(queue_.front())) {
    Request r = queue_.front();
    queue_.pop_front();
    kv_queued_tokens_ -= r.kv_reserved_tokens();
    start(r, now_s);
    requests_.push_back(r);
    admitted.push_back(r);
    ++count;
  }
  return count;
}

} // namespace afdsim
