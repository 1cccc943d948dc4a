import type { ReactNode } from 'react';

/**
 * A data table named by its heading, that scrolls sideways on a narrow
 * screen. `actions` adds a last column for the rows' buttons, named for
 * screen readers only.
 */
export function Table({ labelledBy, columns, actions, children }: { labelledBy: string; columns: readonly string[]; actions?: boolean; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table className="table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
