package dev.flow.compiler.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.PrecedencePredicateTransition;
import org.antlr.v4.runtime.atn.RuleStartState;
import org.antlr.v4.runtime.atn.RuleTransition;
import org.antlr.v4.runtime.atn.Transition;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * What the grammar can take at one place of a token sequence: the tokens that may come next, and
 * the paths of rules through which a "preferred" rule (for Flow: {@code name}) may come next.
 *
 * <p>It walks the parser's ATN over the tokens before the caret, following every path that
 * matches them, and collects what each path allows at the caret. This is the algorithm of
 * antlr4-c3's {@code CodeCompletionCore} (Mike Lischke, MIT licence), reduced to what Flow needs:
 * no semantic predicates (the parser has none, only precedence ones), and results kept per path
 * rather than per rule. It never throws on input that does not parse: paths that do not match
 * simply end, and when none reaches the caret the result is empty.
 */
final class CompletionCore {
  /** The walk gives up after this many ATN states: a safety net, far above what a file needs. */
  private static final int MAX_STATES = 400_000;

  /** Follow sets per rule start state, shared by every walk over the same ATN. */
  private static final Map<ATNState, FollowSets> FOLLOW_SETS = Collections.synchronizedMap(new IdentityHashMap<>());

  /**
   * The result.
   *
   * @param tokens every token type that may come at the caret, each with the token sequences
   *     that must follow it (a keyword pair such as {@code go to}); an empty list when nothing
   *     in particular must
   * @param rulePaths for each way a preferred rule may start at the caret, the rules that lead
   *     to it, outermost first, ending with the preferred rule
   */
  record Candidates(Map<Integer, Set<List<Integer>>> tokens, List<List<Integer>> rulePaths) {
    boolean isEmpty() {
      return tokens.isEmpty() && rulePaths.isEmpty();
    }
  }

  /** A set of tokens that can come next, the rules entered to reach it, and the tokens that must follow. */
  private record FollowSet(IntervalSet intervals, List<Integer> path, List<Integer> following) {}

  private record FollowSets(List<FollowSet> sets, boolean exhaustive, IntervalSet combined) {}

  private record Key(int rule, int index, int precedence) {}

  private record Entry(ATNState state, int index) {}

  private final ATN atn;
  private final Set<Integer> preferredRules;
  private final int[] tokens;
  private final Map<Key, Set<Integer>> shortcuts = new HashMap<>();
  private final Deque<Integer> precedences = new ArrayDeque<>();
  private final Map<Integer, Set<List<Integer>>> candidateTokens = new LinkedHashMap<>();
  private final List<List<Integer>> candidateRules = new ArrayList<>();
  private int statesProcessed;

  private CompletionCore(ATN atn, Set<Integer> preferredRules, int[] tokens) {
    this.atn = atn;
    this.preferredRules = preferredRules;
    this.tokens = tokens;
  }

  /**
   * What may come at the caret.
   *
   * @param tokens the token types from where {@code startRule} begins up to the caret; the last
   *     one is the token at the caret, which is not matched (it may be {@link Token#EOF})
   */
  static Candidates collect(ATN atn, int startRule, Set<Integer> preferredRules, int[] tokens) {
    CompletionCore core = new CompletionCore(atn, preferredRules, tokens);
    try {
      core.processRule(atn.ruleToStartState[startRule], 0, new ArrayList<>(), 0);
    } catch (TooComplex e) {
      return new Candidates(Map.of(), List.of());
    }
    return new Candidates(core.candidateTokens, core.candidateRules);
  }

  /** Thrown when the walk exceeds {@link #MAX_STATES}. */
  private static final class TooComplex extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooComplex() {
      super("completion walk too complex", null, false, false);
    }
  }

  // ---- follow sets ------------------------------------------------------------------------------

  private FollowSets followSets(RuleStartState start) {
    synchronized (FOLLOW_SETS) {
      FollowSets known = FOLLOW_SETS.get(start);
      if (known != null) {
        return known;
      }
      List<FollowSet> sets = new ArrayList<>();
      boolean exhaustive = collectFollowSets(start, atn.ruleToStopState[start.ruleIndex], sets,
          Collections.newSetFromMap(new IdentityHashMap<>()), new ArrayDeque<>());
      IntervalSet combined = new IntervalSet();
      for (FollowSet s : sets) {
        combined.addAll(s.intervals());
      }
      FollowSets result = new FollowSets(List.copyOf(sets), exhaustive, combined);
      FOLLOW_SETS.put(start, result);
      return result;
    }
  }

  /** Collects what can come first from {@code s}; false when the end of the rule can be reached without a token. */
  private boolean collectFollowSets(
      ATNState s, ATNState stop, List<FollowSet> sets, Set<ATNState> onStack, Deque<Integer> rules) {
    if (!onStack.add(s)) {
      return true;
    }
    try {
      if (s == stop || s.getStateType() == ATNState.RULE_STOP) {
        return false;
      }
      boolean exhaustive = true;
      for (int i = 0; i < s.getNumberOfTransitions(); i++) {
        Transition t = s.transition(i);
        if (t.getSerializationType() == Transition.RULE) {
          RuleTransition rt = (RuleTransition) t;
          if (rules.contains(rt.target.ruleIndex)) {
            continue;
          }
          rules.addLast(rt.target.ruleIndex);
          boolean ruleExhaustive = collectFollowSets(rt.target, stop, sets, onStack, rules);
          rules.removeLast();
          if (!ruleExhaustive) {
            exhaustive &= collectFollowSets(rt.followState, stop, sets, onStack, rules);
          }
        } else if (t.isEpsilon()) {
          exhaustive &= collectFollowSets(t.target, stop, sets, onStack, rules);
        } else if (t.getSerializationType() == Transition.WILDCARD) {
          sets.add(new FollowSet(allTokens(), List.copyOf(rules), List.of()));
        } else {
          IntervalSet label = t.label();
          if (label != null && !label.isNil()) {
            if (t.getSerializationType() == Transition.NOT_SET) {
              label = label.complement(allTokens());
            }
            sets.add(new FollowSet(label, List.copyOf(rules), following(t)));
          }
        }
      }
      return exhaustive;
    } finally {
      onStack.remove(s);
    }
  }

  /** The tokens that must follow a single-token transition, as far as they are one fixed sequence. */
  private static List<Integer> following(Transition transition) {
    List<Integer> result = new ArrayList<>();
    ATNState state = transition.target;
    while (state != null && state.getNumberOfTransitions() == 1) {
      Transition t = state.transition(0);
      if (t.getSerializationType() != Transition.ATOM) {
        break;
      }
      List<Integer> label = t.label().toList();
      if (label.size() != 1) {
        break;
      }
      result.add(label.get(0));
      state = t.target;
    }
    return List.copyOf(result);
  }

  private IntervalSet allTokens() {
    return IntervalSet.of(Token.MIN_USER_TOKEN_TYPE, atn.maxTokenType);
  }

  // ---- the walk ---------------------------------------------------------------------------------

  /** Walks one rule from token {@code index}; gives the token indices where it can end. */
  private Set<Integer> processRule(RuleStartState start, int index, List<Integer> callStack, int precedence) {
    Key key = new Key(start.ruleIndex, index, precedence);
    Set<Integer> known = shortcuts.get(key);
    if (known != null) {
      return known;
    }
    Set<Integer> result = new LinkedHashSet<>();
    FollowSets follow = followSets(start);
    callStack.add(start.ruleIndex);
    try {
      if (index >= tokens.length - 1) {
        if (preferredRules.contains(start.ruleIndex)) {
          addRule(callStack);
        } else {
          for (FollowSet set : follow.sets()) {
            List<Integer> path = new ArrayList<>(callStack);
            path.addAll(set.path());
            if (!addRule(path)) {
              for (int symbol : set.intervals().toList()) {
                candidateTokens.computeIfAbsent(symbol, k -> new LinkedHashSet<>()).add(set.following());
              }
            }
          }
        }
        if (!follow.exhaustive()) {
          result.add(index);
        }
        return result;
      }
      if (follow.exhaustive() && !follow.combined().contains(tokens[index])) {
        return result;
      }
      if (start.isLeftRecursiveRule) {
        precedences.push(precedence);
      }
      try {
        walk(start, index, callStack, result);
      } finally {
        if (start.isLeftRecursiveRule) {
          precedences.pop();
        }
      }
      shortcuts.put(key, result);
      return result;
    } finally {
      callStack.remove(callStack.size() - 1);
    }
  }

  private void walk(RuleStartState start, int index, List<Integer> callStack, Set<Integer> result) {
    Deque<Entry> pipeline = new ArrayDeque<>();
    pipeline.push(new Entry(start, index));
    while (!pipeline.isEmpty()) {
      Entry current = pipeline.pop();
      if (++statesProcessed > MAX_STATES) {
        throw new TooComplex();
      }
      if (current.state().getStateType() == ATNState.RULE_STOP) {
        result.add(current.index());
        continue;
      }
      boolean atCaret = current.index() >= tokens.length - 1;
      int symbol = tokens[Math.min(current.index(), tokens.length - 1)];
      for (int i = 0; i < current.state().getNumberOfTransitions(); i++) {
        Transition t = current.state().transition(i);
        switch (t.getSerializationType()) {
          case Transition.RULE -> {
            RuleTransition rt = (RuleTransition) t;
            Set<Integer> ends = processRule((RuleStartState) rt.target, current.index(), callStack, rt.precedence);
            for (int end : ends) {
              pipeline.push(new Entry(rt.followState, end));
            }
          }
          case Transition.PREDICATE -> pipeline.push(new Entry(t.target, current.index()));
          case Transition.PRECEDENCE -> {
            PrecedencePredicateTransition pt = (PrecedencePredicateTransition) t;
            if (precedences.isEmpty() || pt.precedence >= precedences.peek()) {
              pipeline.push(new Entry(t.target, current.index()));
            }
          }
          case Transition.WILDCARD -> {
            if (atCaret) {
              if (!addRule(callStack)) {
                for (int s : allTokens().toList()) {
                  candidateTokens.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(List.of());
                }
              }
            } else {
              pipeline.push(new Entry(t.target, current.index() + 1));
            }
          }
          default -> {
            if (t.isEpsilon()) {
              pipeline.push(new Entry(t.target, current.index()));
              continue;
            }
            IntervalSet set = t.label();
            if (set == null || set.isNil()) {
              continue;
            }
            if (t.getSerializationType() == Transition.NOT_SET) {
              set = set.complement(allTokens());
            }
            if (atCaret) {
              if (!addRule(callStack)) {
                List<Integer> list = set.toList();
                List<Integer> following = list.size() == 1 ? following(t) : List.of();
                for (int s : list) {
                  candidateTokens.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(following);
                }
              }
            } else if (set.contains(symbol)) {
              pipeline.push(new Entry(t.target, current.index() + 1));
            }
          }
        }
      }
    }
  }

  /** When the path holds a preferred rule, records the path up to it and says true. */
  private boolean addRule(List<Integer> path) {
    for (int i = 0; i < path.size(); i++) {
      if (preferredRules.contains(path.get(i))) {
        List<Integer> rules = List.copyOf(path.subList(0, i + 1));
        if (!candidateRules.contains(rules)) {
          candidateRules.add(rules);
        }
        return true;
      }
    }
    return false;
  }
}
