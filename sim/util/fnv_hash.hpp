#pragma once
// FNV-1a, 64 bits: a stable hash of text (the same on every machine and run), for names derived
// from content such as sweep point ids. Not for security.
#include <cstdint>
#include <string>

namespace afdsim {

inline uint64_t fnv1a_64(const std::string& text, uint64_t hash = 0xcbf29ce484222325ULL)
{
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

} // namespace afdsim
