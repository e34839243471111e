"""Stand-ins for dbt's Jinja context so sqlfluff's fast jinja templater can
render our models without a database connection.

They only need to produce valid SQL of the right shape for linting: the real
SQL is what dbt compiles.
"""

_TYPES = {
    "type_string": "varchar",
    "type_numeric": "numeric",
    "type_int": "integer",
    "type_bigint": "bigint",
    "type_float": "double",
    "type_timestamp": "timestamp",
    "type_boolean": "boolean",
}


class _Namespace:
    """`dbt.<macro>(...)` and `adapter.dispatch(name)(...)` render as a call."""

    def __init__(self, prefix):
        self._prefix = prefix

    def __getattr__(self, name):
        if name in _TYPES:
            return lambda *args, **kwargs: _TYPES[name]
        if name == "dispatch":
            return lambda macro_name, *args, **kwargs: _call(macro_name)
        if name == "date_spine":
            return lambda *args, **kwargs: "select cast(null as date) as date_day"
        if name in ("get_columns_in_relation", "get_relation"):
            return lambda *args, **kwargs: []
        return _call(name)


def _call(name):
    return lambda *args, **kwargs: f"{name}()"


dbt = _Namespace("dbt")
adapter = _Namespace("adapter")
execute = False
