-- Shared by every scenario: each wrk connection takes tokens from tokens.txt in turn
-- (line: accessToken memberId branchId), and done() writes the figures as JSON for the report.
local tokens = {}
local counter = 0

function load_tokens()
  for line in io.lines(os.getenv("BENCH_TOKENS") or "bench/work/tokens.txt") do
    local token, member, branch = line:match("(%S+)%s+(%S+)%s+(%S+)")
    tokens[#tokens + 1] = { token = token, member = member, branch = branch }
  end
  -- Each wrk thread starts at its own place in the list, so threads do not act as the same member at once.
  math.randomseed(os.time() + math.floor(os.clock() * 1000000) + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
  counter = math.random(#tokens)
end

function next_caller()
  counter = counter + 1
  return tokens[(counter % #tokens) + 1]
end

function report(summary, latency, requests)
  local out = io.open(os.getenv("BENCH_OUT"), "w")
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  out:write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "errors": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors))
  out:close()
end
