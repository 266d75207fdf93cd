-- wrk script: each request asks for a path drawn from a list file, by weight.
-- Usage: wrk ... -s bench/wrk_urls.lua http://127.0.0.1:8765 -- urls.txt
-- urls.txt: one "<weight> <path>" per line. No cookies are kept: every request is a guest.

local paths, cumulative, total = {}, {}, 0

function init(args)
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    local weight, path = line:match("^(%S+)%s+(%S+)$")
    if weight then
      total = total + tonumber(weight)
      paths[#paths + 1] = path
      cumulative[#cumulative + 1] = total
    end
  end
  file:close()
  -- A different draw in each thread.
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  local r = math.random() * total
  local low, high = 1, #cumulative
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < r then low = middle + 1 else high = middle end
  end
  return wrk.format("GET", paths[low])
end
