// Text that comes from a file or a caller and goes into an error message.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace nn {

/// `s` made safe for a one-line message: printable ASCII is kept, every other
/// byte (newlines, control characters, UTF-8, NUL) becomes \xNN, and anything
/// past `max_chars` input bytes is cut and marked with "...".
inline std::string printable(const std::string& s, size_t max_chars = 64) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  const size_t n = s.size() < max_chars ? s.size() : max_chars;
  for (size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  if (s.size() > n) out += "...";
  return out;
}

/// 1234567 -> "1,234,567": sizes in messages are read by people.
inline std::string grouped(uint64_t v) {
  std::string digits = std::to_string(v), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

/// A number as people read it: 3e+38, 0.001, 12.5 (%g, six digits).
inline std::string short_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

/// The shortest decimal that reads back exactly as v (0.9, not 0.90000000000000002),
/// with ".0" added to an integer: a float literal as Python prints it (finite v only).
inline std::string python_float(double v) {
  char buf[40];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  std::string s = buf;
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

}  // namespace nn
