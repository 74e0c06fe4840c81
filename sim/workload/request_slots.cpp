#include "sim/workload/request_slots.hpp"

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
                           uint64_t warm_start_tokens)
    : source_(source), ids_(ids)
{
  requests_.reserve(static_cast<size_t>(slots));
  for (int i = 0; i < slots && warm_start_tokens > 0; ++i) {
    uint64_t position = uniform_below(rng, warm_start_tokens);
    RequestShape shape = checked(source_.next());
    while (position >= static_cast<uint64_t>(shape.output_tokens)) {
      position -= static_cast<uint64_t>(shape.output_tokens);
      shape = checked(source_.next());
    }
    Request r = with_id(shape);
    r.decoded_tokens = static_cast<int>(position);
    requests_.push_back(r);
  }
  for (int i = 0; i < slots && warm_start_tokens == 0; ++i) {
    Request r = fresh_request();
    r.decoded_tokens = static_cast<int>(uniform_below(rng, static_cast<uint64_t>(r.output_tokens)));
    requests_.push_back(r);
  }
}

RequestShape RequestSlots::checked(RequestShape shape)
{
  if (shape.output_tokens < 1 || shape.prompt_tokens < 0)
    throw std::invalid_argument("request source produced prompt " + std::to_string(shape.prompt_tokens) +
                                ", output " + std::to_string(shape.output_tokens) + " tokens");
  return shape;
}

Request RequestSlots::fresh_request() { return with_id(checked(source_.next())); }

Request RequestSlots::with_id(const RequestShape& shape)
{
  Request r;
  r.id = ids_.take();
  r.prompt_tokens = shape.prompt_tokens;
  r.output_tokens = shape.output_tokens;
  return r;
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
  int count = 0;
  for (auto& r : requests_) {
    if (++r.decoded_tokens < r.output_tokens)
      continue;
    finished.push_back(r);
    r = fresh_request();
    r.joined_s = now_s;
    ++count;
  }
  return count;
}

} // namespace afdsim
