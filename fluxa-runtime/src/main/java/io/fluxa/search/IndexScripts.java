package io.fluxa.search;

import io.fluxa.redis.RedisScript;

/**
 * The Lua scripts of the native search index. Every script touches only keys under one entity's
 * {@code {<table>}} hash tag. Key names of a version are built inside the scripts from the base
 * passed in {@code ARGV}, because the active version is only known there.
 */
final class IndexScripts {

    private IndexScripts() {
    }

    /**
     * Shared Lua: {@code apply(vb, from, ncols)} applies row writes from ARGV[from] to one version.
     * A row write is {@code id, mode, segment count, segments…}; a segment is {@code column number,
     * entry count, entries…}; an entry is {@code Z|S, key suffix, score}. Mode {@code F} replaces the
     * whole row, {@code P} only the given columns (skipped when the row is not indexed), {@code D}
     * removes the row. The hash {@code rows} records the key suffixes each row is in, one segment per
     * column, so a row always leaves exactly the keys it is in, whatever the writer believed.
     */
    private static final String APPLY = ""
            + "local SEG = '\\30' local SEP = '\\31' "
            + "local function split(s, sep) "
            + "  local t = {} local start = 1 "
            + "  while true do "
            + "    local a = string.find(s, sep, start, true) "
            + "    if not a then t[#t + 1] = string.sub(s, start) return t end "
            + "    t[#t + 1] = string.sub(s, start, a - 1) start = a + 1 "
            + "  end "
            + "end "
            + "local function unindex(vb, id, suffixes) "
            + "  if suffixes == nil or suffixes == '' then return end "
            + "  for _, s in ipairs(split(suffixes, SEP)) do "
            + "    if string.sub(s, 1, 2) == 'n:' then redis.call('ZREM', vb .. s, id) "
            + "    else redis.call('SREM', vb .. s, id) end "
            + "  end "
            + "end "
            + "local function apply(vb, from, ncols) "
            + "  local i = from "
            + "  while i <= #ARGV do "
            + "    local id = ARGV[i] local mode = ARGV[i + 1] local nseg = tonumber(ARGV[i + 2]) "
            + "    i = i + 3 "
            + "    local rec = redis.call('HGET', vb .. 'rows', id) "
            + "    local segs = nil "
            + "    if rec then segs = split(rec, SEG) end "
            + "    if mode ~= 'P' and segs then "
            + "      for k = 1, #segs do unindex(vb, id, segs[k]) end "
            + "      segs = nil "
            + "    end "
            + "    local write = mode ~= 'D' and (mode == 'F' or segs ~= nil) "
            + "    if mode == 'D' then "
            + "      redis.call('ZREM', vb .. 'all', id) redis.call('HDEL', vb .. 'rows', id) "
            + "    end "
            + "    if write and not segs then "
            + "      segs = {} for k = 1, ncols do segs[k] = '' end "
            + "      redis.call('ZADD', vb .. 'all', id, id) "
            + "    end "
            + "    for s = 1, nseg do "
            + "      local k = tonumber(ARGV[i]) local ne = tonumber(ARGV[i + 1]) i = i + 2 "
            + "      if write then "
            + "        if mode == 'P' then unindex(vb, id, segs[k]) end "
            + "        local names = {} "
            + "        for e = 0, ne - 1 do "
            + "          local j = i + e * 3 local key = vb .. ARGV[j + 1] "
            + "          if ARGV[j] == 'Z' then redis.call('ZADD', key, ARGV[j + 2], id) "
            + "          else redis.call('SADD', key, id) end "
            + "          redis.call('SADD', vb .. 'keys', key) "
            + "          names[#names + 1] = ARGV[j + 1] "
            + "        end "
            + "        segs[k] = table.concat(names, SEP) "
            + "      end "
            + "      i = i + ne * 3 "
            + "    end "
            + "    if write then redis.call('HSET', vb .. 'rows', id, table.concat(segs, SEG)) end "
            + "  end "
            + "end ";

    /**
     * A flush's row writes. KEYS: meta, lock. ARGV: base, stamp, column count, id count, ids…, row
     * writes. Applied to the active version when its stamp matches; while a rebuild holds its lease,
     * the ids are also added to the new version's {@code touched} set, so the rebuild reads them
     * again from MySQL before it switches.
     */
    static final RedisScript MAINTAIN = RedisScript.of("search-index-update", APPLY
            + "local m = redis.call('HMGET', KEYS[1], 'active', 'stamp', 'building', 'buildStamp') "
            + "local nids = tonumber(ARGV[4]) "
            + "if m[3] and m[4] == ARGV[2] and redis.call('EXISTS', KEYS[2]) == 1 then "
            + "  for k = 5, 4 + nids do redis.call('SADD', ARGV[1] .. m[3] .. ':touched', ARGV[k]) end "
            + "end "
            + "if m[1] and m[2] == ARGV[2] then apply(ARGV[1] .. m[1] .. ':', 5 + nids, tonumber(ARGV[3])) return 1 end "
            + "return 0");

    /**
     * Starts a rebuild. KEYS: meta, lock. ARGV: token, lease ms, stamp. Answers {-1} while another
     * rebuild holds the lease, else {new version, abandoned version or 0}.
     */
    static final RedisScript START = RedisScript.of("search-reindex-start", ""
            + "if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) == false then return {-1, 0} end "
            + "local abandoned = redis.call('HGET', KEYS[1], 'building') "
            + "local v = redis.call('HINCRBY', KEYS[1], 'seq', 1) "
            + "redis.call('HSET', KEYS[1], 'building', v, 'buildStamp', ARGV[3]) "
            + "return {v, tonumber(abandoned or '0')}");

    /**
     * Writes rows read from MySQL into the version being built. KEYS: meta, lock. ARGV: token, lease
     * ms, base, version, column count, row writes ({@code F}, or {@code D} for rows gone).
     */
    static final RedisScript BATCH = RedisScript.of("search-reindex-batch", APPLY
            + "if redis.call('GET', KEYS[2]) ~= ARGV[1] then "
            + "  return redis.error_reply('the reindex lease expired or was taken over') end "
            + "redis.call('PEXPIRE', KEYS[2], ARGV[2]) "
            + "apply(ARGV[3] .. ARGV[4] .. ':', 6, tonumber(ARGV[5])) "
            + "return 1");

    /**
     * Takes up to ARGV[4] ids flushes changed during the rebuild. KEYS: meta, lock. ARGV: token,
     * lease ms, touched key.
     */
    static final RedisScript TAKE_TOUCHED = RedisScript.of("search-reindex-touched", ""
            + "if redis.call('GET', KEYS[2]) ~= ARGV[1] then "
            + "  return redis.error_reply('the reindex lease expired or was taken over') end "
            + "redis.call('PEXPIRE', KEYS[2], ARGV[2]) "
            + "return redis.call('SPOP', ARGV[3], tonumber(ARGV[4]))");

    /**
     * Makes the built version active unless flushes touched rows since the last fix-up (then answers
     * -1 and nothing changes). KEYS: meta, lock. ARGV: token, base. Answers the old version or 0.
     */
    static final RedisScript SWITCH = RedisScript.of("search-reindex-switch", ""
            + "if redis.call('GET', KEYS[2]) ~= ARGV[1] then "
            + "  return redis.error_reply('the reindex lease expired or was taken over') end "
            + "local m = redis.call('HMGET', KEYS[1], 'active', 'building', 'buildStamp') "
            + "if redis.call('SCARD', ARGV[2] .. m[2] .. ':touched') > 0 then return -1 end "
            + "redis.call('HSET', KEYS[1], 'active', m[2], 'stamp', m[3]) "
            + "redis.call('HDEL', KEYS[1], 'building', 'buildStamp') "
            + "redis.call('DEL', KEYS[2]) "
            + "redis.call('UNLINK', ARGV[2] .. m[2] .. ':touched') "
            + "return tonumber(m[1] or '0')");

    /**
     * Removes up to ARGV[3] keys of version ARGV[2] (base ARGV[1]); answers how many remain. KEYS:
     * meta (declared for the slot).
     */
    static final RedisScript DROP = RedisScript.of("search-drop-version", ""
            + "local vb = ARGV[1] .. ARGV[2] .. ':' "
            + "local keys = redis.call('SPOP', vb .. 'keys', tonumber(ARGV[3])) "
            + "if #keys > 0 then redis.call('UNLINK', unpack(keys)) end "
            + "local left = redis.call('SCARD', vb .. 'keys') "
            + "if left == 0 then redis.call('UNLINK', vb .. 'keys', vb .. 'touched', vb .. 'all', vb .. 'rows') end "
            + "return left");

    /**
     * One query. KEYS: meta. ARGV: base, stamp, temp token, op count, ops…, then result ref, sort
     * ref, null ref, descending (0/1), offset, limit (-1 = all). A ref starting with {@code #} is a
     * temporary key, any other a key of the active version. Answers {total, ids…}, or {-1} when
     * there is no active index for this stamp. Temporary keys are removed before it returns, also
     * after an error.
     */
    static final RedisScript QUERY = RedisScript.of("search-query", ""
            + "local m = redis.call('HMGET', KEYS[1], 'active', 'stamp') "
            + "if not m[1] or m[2] ~= ARGV[2] then return {-1} end "
            + "local vb = ARGV[1] .. m[1] .. ':' "
            + "local tb = ARGV[1] .. 'tmp:' .. ARGV[3] .. ':' "
            + "local temps = {} "
            + "local function key(ref) "
            + "  if string.sub(ref, 1, 1) == '#' then local k = tb .. string.sub(ref, 2) temps[k] = true return k end "
            + "  return vb .. ref "
            + "end "
            + "local function run() "
            + "  local i = 5 "
            + "  for n = 1, tonumber(ARGV[4]) do "
            + "    local op = ARGV[i] local dest = key(ARGV[i + 1]) "
            + "    if op == 'R' then "
            + "      redis.call('ZRANGESTORE', dest, key(ARGV[i + 2]), ARGV[i + 3], ARGV[i + 4], 'BYSCORE') i = i + 5 "
            + "    elseif op == 'D' then "
            + "      redis.call('ZDIFFSTORE', dest, 2, key(ARGV[i + 2]), key(ARGV[i + 3])) i = i + 4 "
            + "    else "
            + "      local c = tonumber(ARGV[i + 2]) local ks = {} "
            + "      for k = 1, c do ks[k] = key(ARGV[i + 2 + k]) end "
            + "      if op == 'I' then redis.call('ZINTERSTORE', dest, c, unpack(ks)) "
            + "      else redis.call('ZUNIONSTORE', dest, c, unpack(ks)) end "
            + "      i = i + 3 + c "
            + "    end "
            + "  end "
            + "  local result = key(ARGV[i]) local sortRef = ARGV[i + 1] local nullRef = ARGV[i + 2] "
            + "  local desc = ARGV[i + 3] == '1' local skip = tonumber(ARGV[i + 4]) local want = tonumber(ARGV[i + 5]) "
            + "  local values = key('#values') "
            + "  if sortRef ~= '' then "
            + "    redis.call('ZINTERSTORE', values, 2, result, key(sortRef), 'WEIGHTS', 0, 1) "
            + "  else "
            + "    redis.call('ZINTERSTORE', values, 2, result, vb .. 'all', 'WEIGHTS', 0, 0) "
            + "  end "
            + "  local parts = {values} "
            + "  if nullRef ~= '' then "
            + "    local nulls = key('#nulls') "
            + "    redis.call('ZINTERSTORE', nulls, 2, result, key(nullRef), 'WEIGHTS', 0, 0) "
            + "    if desc then parts = {values, nulls} else parts = {nulls, values} end "
            + "  end "
            + "  local total = 0 local counts = {} "
            + "  for p = 1, #parts do counts[p] = redis.call('ZCARD', parts[p]) total = total + counts[p] end "
            + "  local out = {total} "
            + "  for p = 1, #parts do "
            + "    if want == 0 then break end "
            + "    local n = counts[p] "
            + "    if skip >= n then skip = skip - n else "
            + "      local stop = n - 1 "
            + "      if want > 0 then stop = math.min(n - 1, skip + want - 1) end "
            + "      local got "
            + "      if desc then got = redis.call('ZREVRANGE', parts[p], skip, stop) "
            + "      else got = redis.call('ZRANGE', parts[p], skip, stop) end "
            + "      for _, id in ipairs(got) do out[#out + 1] = id end "
            + "      if want > 0 then want = want - #got end "
            + "      skip = 0 "
            + "    end "
            + "  end "
            + "  return out "
            + "end "
            + "local ok, res = pcall(run) "
            + "local list = {} "
            + "for k in pairs(temps) do list[#list + 1] = k end "
            + "if #list > 0 then redis.call('UNLINK', unpack(list)) end "
            + "if not ok then "
            + "  if type(res) == 'table' and res.err then return redis.error_reply(res.err) end "
            + "  return redis.error_reply(tostring(res)) "
            + "end "
            + "return res");

    /** Gives the lease up when it is still ours. KEYS: lock. ARGV: token. */
    static final RedisScript RELEASE = RedisScript.of("search-reindex-release",
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0");
}
