import { describe, expect, it } from 'vitest';
import { keyslotCommand } from '../../sim/data/keyslot-command.ts';

describe('sim keyslot prints one slot per key, like CLUSTER KEYSLOT', () => {
  it('for keys given as arguments, in order', () => {
    expect(keyslotCommand(['foo', 'bar', '{foo}x'])).toEqual(['12182', '5061', '12182']);
  });

  it('ignores stdin when keys are given', () => {
    expect(keyslotCommand(['hello'], 'foo\n')).toEqual(['866']);
  });

  it('with no key, reads one key per stdin line; a final newline adds no key', () => {
    expect(keyslotCommand([], 'foo\nbar\n')).toEqual(['12182', '5061']);
    expect(keyslotCommand([], 'foo\nbar')).toEqual(['12182', '5061']);
  });

  it('drops a trailing CR (CRLF files) and treats an empty line as the empty key', () => {
    expect(keyslotCommand([], 'foo\r\n\r\nhello\r\n')).toEqual(['12182', '0', '866']);
  });

  it('prints nothing for empty input', () => {
    expect(keyslotCommand([], '')).toEqual([]);
  });
});
