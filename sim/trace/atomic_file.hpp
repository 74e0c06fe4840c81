#pragma once
// A file written under a temporary sibling name and renamed over the target only when complete,
// so a failed or interrupted run never leaves a truncated trace behind.
#include <fstream>
#include <string>

namespace afdsim {

class AtomicFile {
public:
  // `what` names the option in errors ("--paje"). Throws InputError when the file cannot be opened.
  AtomicFile(std::string path, std::string what);
  ~AtomicFile();  // removes the temporary file unless commit() succeeded
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ofstream& out() { return out_; }
  // Flushes, closes and renames; throws InputError on any write error.
  void commit();

private:
  std::string path_;
  std::string tmp_path_;
  std::string what_;
  std::ofstream out_;
  bool committed_ = false;
};

} // namespace afdsim
