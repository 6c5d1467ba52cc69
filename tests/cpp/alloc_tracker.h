// Counts the bytes the program holds through operator new (the replacement is
// in alloc_tracker.cpp), so a test can assert that refusing a hostile file
// allocated nothing large: a bound on memory, never on time.
#pragma once
#include <cstddef>

namespace alloc_tracker {

/// Bytes currently held through operator new.
size_t live_bytes();
/// The most ever held since the last reset_peak().
size_t peak_bytes();
/// Starts a new peak from what is held now.
void reset_peak();

/// Peak growth (bytes above what was held at construction) over a scope.
class Watch {
 public:
  Watch();
  size_t peak_growth() const;

 private:
  size_t start_;
};

}  // namespace alloc_tracker
