"""Every stored file a row refers to: what `hkd doctor` keeps and a re-split may not delete (one
query, so the two can never disagree about what is referenced)."""

REFERENCED = """
select sha256 as digest from documents
union select image_sha256 from pages
union select sha256 from batches
union select image_sha256 from batch_pages
union select thumb_sha256 from batch_pages
union select reading_sha256 from batch_pages where reading_sha256 is not null
union select view_sha256 from batch_pages where view_sha256 is not null
union select file_sha256 from batch_children
"""
