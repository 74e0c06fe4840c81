#pragma once
#include <optional>
#include <string>

namespace afdsim {

// Storage types of weights, KV cache and activations on the wire.
enum class Dtype { fp8, bf16 };

inline double bytes_per_element(Dtype d) { return d == Dtype::fp8 ? 1.0 : 2.0; }
inline const char* to_string(Dtype d) { return d == Dtype::fp8 ? "fp8" : "bf16"; }
inline std::optional<Dtype> parse_dtype(const std::string& s)
{
  if (s == "fp8")
    return Dtype::fp8;
  if (s == "bf16")
    return Dtype::bf16;
  return std::nullopt;
}

} // namespace afdsim
