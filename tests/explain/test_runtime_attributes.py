"""AttributeError and import diagnosers."""

from explain_helpers import check


def test_length_on_list(explain):
    e = explain("""
        friends = ["Ann", "Bo", "Cy"]
        print("I have", friends.length, "friends")
    """)
    check(e, "length-attribute", 2, 'print("I have", len(friends), "friends")')


def test_module_tool_typo(explain):
    e = explain("""
        import random
        random.seed(1)
        roll = random.randInt(1, 6)
        print(roll)
    """)
    check(e, "attribute-typo", 3, "roll = random.randint(1, 6)")


def test_text_method_typo(explain):
    e = explain("""
        name = "sam"
        print(name.uper())
    """)
    check(e, "attribute-typo", 2, "print(name.upper())")


def test_other_language_habit(explain):
    e = explain("""
        pets = []
        pets.push("cat")
        print(pets)
    """)
    check(e, "attribute-typo", 2, 'pets.append("cat")')


def test_own_class_attribute_typo(explain):
    e = explain("""
        class Pet:
            def __init__(self, name):
                self.name = name

        p = Pet("Rex")
        print(p.nmae)
    """)
    check(e, "attribute-typo", 6, "print(p.name)")


def test_append_gives_none(explain):
    e = explain("""
        basket = []
        basket = basket.append("apple")
        basket.append("pear")
        print(basket)
    """)
    check(e, "none-value", 2, 'basket.append("apple")')


def test_function_without_return(explain):
    e = explain("""
        def double(n):
            print(n * 2)

        answer = double(4)
        print(answer + 1)
    """)
    check(e, "none-value", 2, "return n * 2", verified=True)


def test_list_method_on_text(explain):
    e = explain("""
        names = ""
        for n in ["a", "b"]:
            names.append(n)
        print(names)
    """)
    check(e, "method-on-wrong-type", 1, "names = []")


def test_module_name_typo(explain):
    e = explain("""
        import maths
        print(maths.sqrt(16))
    """)
    # The import line is fixed; the use on line 2 still says maths, so it is not verified alone.
    assert e.hint.diagnoser == "import-typo" and e.hint.line == 1


def test_module_typo_verified(explain):
    e = explain("""
        import randon
        print(randon.randint(1, 1))
    """)
    assert e.hint.diagnoser == "import-typo" and e.hint.line == 1


def test_from_import_name_typo(explain):
    e = explain("""
        from random import randInt
        print(randInt(1, 1))
    """)
    check(e, "import-name-typo", 1, "from random import randint", verified=True)
    assert e.hint.fix.end_line == 2  # the name is renamed where it is used too


def test_dict_with_a_dot(explain):
    e = explain("""
        pet = {"name": "Rex", "age": 3}
        print(pet.name)
    """)
    check(e, "dict-dot-key", 2, 'print(pet["name"])')


def test_attribute_never_stored(explain):
    e = explain("""
        class Robot:
            def __init__(self, name):
                name = name

            def hello(self):
                print("I am " + self.name)

        Robot("Bolt").hello()
    """)
    check(e, "attribute-never-stored", 3, "self.name = name")
