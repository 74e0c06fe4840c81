#include "sim/trace/atomic_file.hpp"

#include "sim/util/errors.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

namespace afdsim {

namespace fs = std::filesystem;

AtomicFile::AtomicFile(std::string path, std::string what) : path_(std::move(path)), what_(std::move(what))
{
  const fs::path target(path_);
  tmp_path_ = (target.parent_path() / ("." + target.filename().string() + ".tmp-" + std::to_string(getpid()))).string();
  out_.open(tmp_path_, std::ios::binary | std::ios::trunc);
  if (!out_)
    throw InputError(what_ + ": " + path_ + ": cannot create the file (does its directory exist?)");
}

AtomicFile::~AtomicFile()
{
  if (!committed_) {
    out_.close();
    std::remove(tmp_path_.c_str());
  }
}

void AtomicFile::commit()
{
  out_.close();
  if (!out_)
    throw InputError(what_ + ": " + path_ + ": write failed");
  std::error_code ec;
  fs::rename(tmp_path_, path_, ec);
  if (ec)
    throw InputError(what_ + ": " + path_ + ": cannot rename the finished file into place: " + ec.message());
  committed_ = true;
}

} // namespace afdsim
