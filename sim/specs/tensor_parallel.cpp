#include "sim/specs/tensor_parallel.hpp"

#include <stdexcept>
#include <string>

namespace afdsim {

namespace {

int divided(int value, int k, const char* field)
{
  if (value % k != 0)
    throw std::invalid_argument("tensor_parallel_shard: " + std::to_string(k) + " does not divide " + field + " (" +
                                std::to_string(value) + ")");
  return value / k;
}

} // namespace

ModelSpec tensor_parallel_shard(const ModelSpec& model, int k)
{
  if (k < 1)
    throw std::invalid_argument("tensor_parallel_shard: k must be at least 1, got " + std::to_string(k));
  ModelSpec shard = model;
  shard.q_heads = divided(model.q_heads, k, "q_heads");
  shard.kv_heads = divided(model.kv_heads, k, "kv_heads");
  shard.intermediate_size = divided(model.intermediate_size, k, "intermediate_size");
  shard.vocab_size = (model.vocab_size + k - 1) / k;
  if (k > 1)
    shard.name = model.name + "/tp" + std::to_string(k);
  return shard;
}

} // namespace afdsim
