package com.ghldata.engine.normalize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A libphonenumber metadata pattern ({@code (?:[14689][1-9]|2[12478])(?:7|9\d)\d{7}}) compiled to a
 * deterministic automaton over the digits 0-9, for the phone fast path: one array lookup per digit
 * instead of a backtracking {@link java.util.regex.Matcher}, and no allocation.
 *
 * <p>It answers the two questions libphonenumber asks with these patterns on digit strings: does the
 * whole string match ({@code Matcher.matches}) and does some prefix match ({@code
 * Matcher.lookingAt} succeeding). Both depend only on the language of the pattern, so lazy
 * quantifiers and capturing groups change nothing here. {@link #compile} understands the syntax the
 * metadata uses (digits, {@code \d}, classes, groups, {@code |}, {@code ? * + {n} {n,} {n,m}}) and
 * returns null for anything else, or for an automaton that would grow too big: the caller then
 * keeps java.util.regex.
 */
final class DigitPattern {
  private static final int DIGITS = 10;
  private static final int MAX_STATES = 20_000;
  private static final int MAX_REPEAT = 64;

  /** next[state * 10 + digit], -1 for the dead state. */
  private final int[] next;

  private final boolean[] accepting;
  /** Some string starting from this state can still reach an accepting state. */
  private final boolean[] live;

  private DigitPattern(int[] next, boolean[] accepting) {
    this.next = next;
    this.accepting = accepting;
    this.live = liveStates(next, accepting);
  }

  /** The automaton for regex, or null when its syntax is outside the subset or it is too big. */
  static DigitPattern compile(String regex) {
    try {
      Parser parser = new Parser(regex);
      Node ast = parser.alternation();
      if (parser.pos != regex.length()) {
        return null;
      }
      Nfa nfa = new Nfa();
      int accept = nfa.newState();
      int start = ast.emit(nfa, accept);
      return nfa.determinize(start, accept);
    } catch (Unsupported e) {
      return null;
    }
  }

  /** Matcher.matches() on a string of ASCII digits (anything else never matches). */
  boolean matches(CharSequence s) {
    int state = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      state = next[state * DIGITS + d];
      if (state < 0) {
        return false;
      }
    }
    return accepting[state];
  }

  /** Whether Matcher.lookingAt() succeeds: some prefix of s, maybe empty, matches. */
  boolean matchesSomePrefix(CharSequence s) {
    int state = 0;
    if (accepting[0]) {
      return true;
    }
    for (int i = 0, n = s.length(); i < n; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      state = next[state * DIGITS + d];
      if (state < 0 || !live[state]) {
        return false;
      }
      if (accepting[state]) {
        return true;
      }
    }
    return false;
  }

  private static boolean[] liveStates(int[] next, boolean[] accepting) {
    boolean[] live = accepting.clone();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int state = 0; state < live.length; state++) {
        if (live[state]) {
          continue;
        }
        for (int d = 0; d < DIGITS; d++) {
          int target = next[state * DIGITS + d];
          if (target >= 0 && live[target]) {
            live[state] = true;
            changed = true;
            break;
          }
        }
      }
    }
    return live;
  }

  // ---------------------------------------------------------------- parsing

  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  /** Recursive descent over the subset; throws Unsupported for anything else. */
  private static final class Parser {
    private final String s;
    int pos;

    Parser(String s) {
      this.s = s;
    }

    Node alternation() {
      List<Node> options = new ArrayList<>();
      options.add(sequence());
      while (pos < s.length() && s.charAt(pos) == '|') {
        pos++;
        options.add(sequence());
      }
      return options.size() == 1 ? options.get(0) : new Alternation(options);
    }

    private Node sequence() {
      List<Node> parts = new ArrayList<>();
      while (pos < s.length() && s.charAt(pos) != '|' && s.charAt(pos) != ')') {
        parts.add(repetition());
      }
      return new Sequence(parts);
    }

    private Node repetition() {
      Node node = atom();
      while (pos < s.length()) {
        char c = s.charAt(pos);
        int min;
        int max;
        if (c == '?') {
          min = 0;
          max = 1;
          pos++;
        } else if (c == '*') {
          min = 0;
          max = -1;
          pos++;
        } else if (c == '+') {
          min = 1;
          max = -1;
          pos++;
        } else if (c == '{') {
          pos++;
          min = number();
          if (peek() == ',') {
            pos++;
            max = peek() == '}' ? -1 : number();
          } else {
            max = min;
          }
          expect('}');
          if (max != -1 && max < min) {
            throw new Unsupported();
          }
        } else {
          break;
        }
        if (pos < s.length() && s.charAt(pos) == '?') {
          pos++; // lazy: same language
        } else if (pos < s.length() && s.charAt(pos) == '+') {
          throw new Unsupported(); // possessive: changes what matches
        }
        node = new Repeat(node, min, max);
      }
      return node;
    }

    private Node atom() {
      if (pos >= s.length()) {
        throw new Unsupported();
      }
      char c = s.charAt(pos++);
      if (c >= '0' && c <= '9') {
        return new Digits(1 << (c - '0'));
      }
      if (c == '\\') {
        return new Digits(escape());
      }
      if (c == '[') {
        return new Digits(charClass());
      }
      if (c == '(') {
        if (s.startsWith("?:", pos)) {
          pos += 2;
        } else if (peek() == '?') {
          throw new Unsupported(); // look-around, flags, named groups
        }
        Node inner = alternation();
        expect(')');
        return inner;
      }
      throw new Unsupported();
    }

    private int escape() {
      if (pos < s.length() && s.charAt(pos) == 'd') {
        pos++;
        return 0x3FF;
      }
      throw new Unsupported();
    }

    private int charClass() {
      boolean negated = peek() == '^';
      if (negated) {
        pos++;
      }
      int mask = 0;
      boolean first = true;
      while (true) {
        if (pos >= s.length()) {
          throw new Unsupported();
        }
        char c = s.charAt(pos);
        if (c == ']' && !first) {
          pos++;
          break;
        }
        first = false;
        pos++;
        if (c == '\\') {
          mask |= escape();
        } else if (c >= '0' && c <= '9') {
          if (peek() == '-' && pos + 1 < s.length() && s.charAt(pos + 1) != ']') {
            char to = s.charAt(pos + 1);
            if (to < c || to > '9') {
              throw new Unsupported();
            }
            pos += 2;
            for (char d = c; d <= to; d++) {
              mask |= 1 << (d - '0');
            }
          } else {
            mask |= 1 << (c - '0');
          }
        } else {
          throw new Unsupported();
        }
      }
      return negated ? ~mask & 0x3FF : mask;
    }

    private int number() {
      int start = pos;
      while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) <= '9') {
        pos++;
      }
      if (start == pos || pos - start > 3) {
        throw new Unsupported();
      }
      int value = Integer.parseInt(s, start, pos, 10);
      if (value > MAX_REPEAT) {
        throw new Unsupported();
      }
      return value;
    }

    private char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private void expect(char c) {
      if (peek() != c) {
        throw new Unsupported();
      }
      pos++;
    }
  }

  // ---------------------------------------------------------------- syntax tree → NFA

  /** Emits itself into the NFA so that it ends in {@code exit}; returns its entry state. */
  private interface Node {
    int emit(Nfa nfa, int exit);
  }

  private record Digits(int mask) implements Node {
    @Override
    public int emit(Nfa nfa, int exit) {
      int state = nfa.newState();
      nfa.mask[state] = mask;
      nfa.target[state] = exit;
      return state;
    }
  }

  private record Sequence(List<Node> parts) implements Node {
    @Override
    public int emit(Nfa nfa, int exit) {
      int entry = exit;
      for (int i = parts.size() - 1; i >= 0; i--) {
        entry = parts.get(i).emit(nfa, entry);
      }
      return entry;
    }
  }

  private record Alternation(List<Node> options) implements Node {
    @Override
    public int emit(Nfa nfa, int exit) {
      int entry = nfa.newState();
      for (Node option : options) {
        nfa.epsilon(entry, option.emit(nfa, exit));
      }
      return entry;
    }
  }

  /** node{min,max}, max -1 for no bound. */
  private record Repeat(Node node, int min, int max) implements Node {
    @Override
    public int emit(Nfa nfa, int exit) {
      int entry = exit;
      if (max == -1) {
        // loop: entry → node → back to entry, or leave.
        int loop = nfa.newState();
        nfa.epsilon(loop, exit);
        nfa.epsilon(loop, node.emit(nfa, loop));
        entry = loop;
      } else {
        for (int i = 0; i < max - min; i++) {
          int optional = nfa.newState();
          nfa.epsilon(optional, exit);
          nfa.epsilon(optional, node.emit(nfa, entry));
          entry = optional;
        }
      }
      for (int i = 0; i < min; i++) {
        entry = node.emit(nfa, entry);
      }
      return entry;
    }
  }

  /** Thompson NFA: a state either reads a digit from {@code mask} and goes to target, or has ε-edges. */
  private static final class Nfa {
    int[] mask = new int[64];
    int[] target = new int[64];
    int[][] epsilons = new int[64][];
    int size;

    int newState() {
      if (size == mask.length) {
        int capacity = size * 2;
        mask = Arrays.copyOf(mask, capacity);
        target = Arrays.copyOf(target, capacity);
        epsilons = Arrays.copyOf(epsilons, capacity);
      }
      if (size >= MAX_STATES * 4) {
        throw new Unsupported();
      }
      target[size] = -1;
      return size++;
    }

    void epsilon(int from, int to) {
      int[] edges = epsilons[from];
      if (edges == null) {
        epsilons[from] = new int[] {to};
      } else {
        edges = Arrays.copyOf(edges, edges.length + 1);
        edges[edges.length - 1] = to;
        epsilons[from] = edges;
      }
    }

    private BitSet closure(BitSet states) {
      BitSet closed = (BitSet) states.clone();
      int[] stack = new int[size];
      int top = 0;
      for (int s = states.nextSetBit(0); s >= 0; s = states.nextSetBit(s + 1)) {
        stack[top++] = s;
      }
      while (top > 0) {
        int s = stack[--top];
        int[] edges = epsilons[s];
        if (edges != null) {
          for (int t : edges) {
            if (!closed.get(t)) {
              closed.set(t);
              stack[top++] = t;
            }
          }
        }
      }
      return closed;
    }

    /** Subset construction; null when the automaton would exceed MAX_STATES. */
    DigitPattern determinize(int start, int accept) {
      Map<BitSet, Integer> ids = new HashMap<>();
      List<BitSet> states = new ArrayList<>();
      BitSet initial = new BitSet();
      initial.set(start);
      initial = closure(initial);
      ids.put(initial, 0);
      states.add(initial);
      int[] next = new int[64 * DIGITS];
      for (int id = 0; id < states.size(); id++) {
        BitSet current = states.get(id);
        for (int d = 0; d < DIGITS; d++) {
          BitSet moved = new BitSet();
          for (int s = current.nextSetBit(0); s >= 0; s = current.nextSetBit(s + 1)) {
            if ((mask[s] & (1 << d)) != 0) {
              moved.set(target[s]);
            }
          }
          int targetId = -1;
          if (!moved.isEmpty()) {
            BitSet closed = closure(moved);
            Integer known = ids.get(closed);
            if (known == null) {
              if (states.size() == MAX_STATES) {
                return null;
              }
              known = states.size();
              ids.put(closed, known);
              states.add(closed);
            }
            targetId = known;
          }
          if (id * DIGITS + d >= next.length) {
            next = Arrays.copyOf(next, next.length * 2);
          }
          next[id * DIGITS + d] = targetId;
        }
      }
      boolean[] accepting = new boolean[states.size()];
      for (int id = 0; id < accepting.length; id++) {
        accepting[id] = states.get(id).get(accept);
      }
      return new DigitPattern(Arrays.copyOf(next, states.size() * DIGITS), accepting);
    }
  }
}
