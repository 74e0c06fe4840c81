#pragma once
// Presets and dtypes named on the command line: errors name the flag that chose them.
#include "sim/specs/dtype.hpp"
#include "sim/util/errors.hpp"

#include <string>

namespace afdsim::cli {

template <class Lookup>
auto preset_for_flag(const std::string& flag, Lookup lookup, const std::string& name)
{
  try {
    return lookup(name);
  } catch (const InputError& e) {
    throw InputError(flag, "", e.what());
  }
}

inline Dtype parse_flag_dtype(const std::string& flag, const std::string& value)
{
  if (auto d = parse_dtype(value))
    return *d;
  throw InputError(flag, "", "must be one of: fp8, bf16; got '" + value + "'");
}

} // namespace afdsim::cli
